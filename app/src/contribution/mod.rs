//! Contributions of step 1 (experiences, expectations, concerns). Placeholder until implemented.

pub mod pages;
