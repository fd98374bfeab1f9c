//! The stored forms of co-determination's domain enums (`DeriveActiveEnum`: a value the app
//! does not know is a decoding error, never a silent default), with conversions to the domain.

use crate::domain::codetermination::{ConfirmationRule, MeetingForm, ProcedureKind};
use sea_orm::entity::prelude::*;

/// `approving_bodies.procedure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum ProcedureColumn {
    /// [`ProcedureKind::Simple`].
    #[sea_orm(string_value = "simple")]
    Simple,
    /// [`ProcedureKind::Management`].
    #[sea_orm(string_value = "management")]
    Management,
    /// [`ProcedureKind::WorksCouncil`].
    #[sea_orm(string_value = "works_council")]
    WorksCouncil,
    /// [`ProcedureKind::MavEkd`].
    #[sea_orm(string_value = "mav_ekd")]
    MavEkd,
    /// [`ProcedureKind::MavMavo`].
    #[sea_orm(string_value = "mav_mavo")]
    MavMavo,
}

impl From<ProcedureColumn> for ProcedureKind {
    fn from(value: ProcedureColumn) -> Self {
        match value {
            ProcedureColumn::Simple => Self::Simple,
            ProcedureColumn::Management => Self::Management,
            ProcedureColumn::WorksCouncil => Self::WorksCouncil,
            ProcedureColumn::MavEkd => Self::MavEkd,
            ProcedureColumn::MavMavo => Self::MavMavo,
        }
    }
}

impl From<ProcedureKind> for ProcedureColumn {
    fn from(value: ProcedureKind) -> Self {
        match value {
            ProcedureKind::Simple => Self::Simple,
            ProcedureKind::Management => Self::Management,
            ProcedureKind::WorksCouncil => Self::WorksCouncil,
            ProcedureKind::MavEkd => Self::MavEkd,
            ProcedureKind::MavMavo => Self::MavMavo,
        }
    }
}

/// `approving_bodies.confirmation_rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum RuleColumn {
    /// [`ConfirmationRule::All`].
    #[sea_orm(string_value = "all")]
    All,
    /// [`ConfirmationRule::Majority`].
    #[sea_orm(string_value = "majority")]
    Majority,
}

impl From<RuleColumn> for ConfirmationRule {
    fn from(value: RuleColumn) -> Self {
        match value {
            RuleColumn::All => Self::All,
            RuleColumn::Majority => Self::Majority,
        }
    }
}

impl From<ConfirmationRule> for RuleColumn {
    fn from(value: ConfirmationRule) -> Self {
        match value {
            ConfirmationRule::All => Self::All,
            ConfirmationRule::Majority => Self::Majority,
        }
    }
}

/// `council_resolutions.meeting_form`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum MeetingFormColumn {
    /// [`MeetingForm::InPerson`].
    #[sea_orm(string_value = "in_person")]
    InPerson,
    /// [`MeetingForm::Remote`].
    #[sea_orm(string_value = "remote")]
    Remote,
}

impl From<MeetingFormColumn> for MeetingForm {
    fn from(value: MeetingFormColumn) -> Self {
        match value {
            MeetingFormColumn::InPerson => Self::InPerson,
            MeetingFormColumn::Remote => Self::Remote,
        }
    }
}

impl From<MeetingForm> for MeetingFormColumn {
    fn from(value: MeetingForm) -> Self {
        match value {
            MeetingForm::InPerson => Self::InPerson,
            MeetingForm::Remote => Self::Remote,
        }
    }
}

/// `processes.agreement`: the guideline is adopted as a works or service agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
pub enum AgreementColumn {
    /// Betriebsvereinbarung (BetrVG).
    #[sea_orm(string_value = "betriebsvereinbarung")]
    Betriebsvereinbarung,
    /// Dienstvereinbarung (MVG-EKD, MAVO, public service).
    #[sea_orm(string_value = "dienstvereinbarung")]
    Dienstvereinbarung,
}

/// `agreement_signatures.side`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum SideColumn {
    /// The employer's representatives.
    #[sea_orm(string_value = "employer")]
    Employer,
    /// The works council or MAV, by its chair.
    #[sea_orm(string_value = "council")]
    Council,
}

/// `council_information.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum InformationKind {
    /// Documents or information handed to the council (§ 80 Abs. 2 BetrVG).
    #[sea_orm(string_value = "information")]
    Information,
    /// An expert the council involved (§ 80 Abs. 3 BetrVG).
    #[sea_orm(string_value = "expert")]
    Expert,
}
