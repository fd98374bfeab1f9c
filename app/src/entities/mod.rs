//! sea-orm entities: the database rows. Server-only; they never cross the wire (see the DTOs).

pub mod acknowledgement;
pub mod adoption_decision;
pub mod adoption_proposal;
pub mod agreement_signature;
pub mod approval_request;
pub mod approving_body;
pub mod audit_head;
pub mod audit_log;
pub mod body_member;
pub mod cluster;
pub mod codetermination;
pub mod codetermination_mark;
pub mod comment;
pub mod comment_change;
pub mod comment_edit;
pub mod comment_support;
pub mod contribution;
pub mod contribution_section;
pub mod contribution_tag;
pub mod council_information;
pub mod council_resolution;
pub mod dialogue_post;
pub mod disposition;
pub mod group_member;
pub mod group_member_perspective;
pub mod invitation;
pub mod login_throttle;
pub mod mail;
pub mod member_confirmation;
pub mod notification;
pub mod notification_event;
pub mod notification_preference;
pub mod password_reset;
pub mod process;
pub mod resolution_confirmation;
pub mod review;
pub mod review_input;
pub mod round;
pub mod round_change;
pub mod server_secret;
pub mod staff_import;
pub mod step_change;
pub mod user;
pub mod user_role;
pub mod version;
pub mod working_draft;

#[cfg(test)]
mod tests {
    //! The typed columns store exactly the strings the code wrote before they were typed, so
    //! existing databases read without a migration.

    use crate::domain::{
        account::Role,
        adoption::{TriggerKind, VerdictKind},
        contribution::Kind,
        dialogue::PostKind,
        disposition::Disposition,
        process::Step,
        review::InputSource,
        round::Audience,
    };
    use sea_orm::{ActiveEnum, Iterable};

    fn stored<T: ActiveEnum<Value = String>>(value: &T) -> String {
        value.to_value()
    }

    #[test]
    fn every_typed_enum_column_stores_the_value_of_as_str() {
        for v in Step::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in Role::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in TriggerKind::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in VerdictKind::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in Kind::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in PostKind::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in Disposition::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
        for v in InputSource::iter() {
            assert_eq!(stored(&v), v.as_str());
        }
    }

    #[test]
    fn every_typed_enum_column_knows_each_value_its_parser_knows() {
        assert_eq!(Step::iter().count(), Step::ALL.len());
        assert_eq!(Role::iter().count(), Role::ALL.len());
        assert_eq!(TriggerKind::iter().count(), TriggerKind::ALL.len());
        assert_eq!(VerdictKind::iter().count(), VerdictKind::ALL.len());
        assert_eq!(Kind::iter().count(), Kind::ALL.len());
        assert_eq!(PostKind::iter().count(), PostKind::ALL.len());
        assert_eq!(Disposition::iter().count(), Disposition::ALL.len());
    }

    #[test]
    fn an_unknown_stored_value_is_an_error_not_a_default() {
        assert!(Step::try_from_value(&"sammeln".to_owned()).is_err());
        assert!(Disposition::try_from_value(&String::new()).is_err());
    }

    #[test]
    fn the_audience_is_stored_as_the_json_text_it_had_before() {
        assert_eq!(Audience::Everyone.to_stored(), r#""Everyone""#);
        let teams = Audience::Teams(vec!["Pflege".into(), "Kita".into()]);
        assert_eq!(teams.to_stored(), r#"{"Teams":["Pflege","Kita"]}"#);
        assert_eq!(
            Audience::Bodies(vec![3, 7]).to_stored(),
            r#"{"Bodies":[3,7]}"#
        );
        for audience in [Audience::Everyone, teams, Audience::Bodies(vec![3])] {
            assert_eq!(
                Audience::from_stored(&audience.to_stored()).ok(),
                Some(audience)
            );
        }
        assert!(Audience::from_stored("Everyone").is_err());
    }
}
