//! The working draft, published versions and their comparison. Placeholder until implemented.

pub mod pages;
