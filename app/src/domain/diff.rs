//! Word-level differences between two versions of a guideline.
//!
//! The text is cut into words, runs of whitespace and single punctuation characters, and the two
//! token sequences are compared with a histogram diff (JGit's variant of patience diff) that
//! splits the texts at rare shared words; stretches made only of frequent tokens are compared
//! with Myers' O(ND) algorithm in its linear-space form. Both are written here rather than taken
//! from a crate so that the diff needs no clock (wasm) and has a fixed work budget: texts that
//! share almost nothing fall back to "all deleted, all inserted" for the remaining part instead
//! of taking seconds.
//!
//! Every result keeps the texts intact: joining the `Equal` and `Delete` ops gives the old text
//! byte for byte, joining the `Equal` and `Insert` ops gives the new one.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::domain::markdown::{reading_text, split_sections, SectionText};

/// How many comparison steps one diff may take before it stops looking for a minimal result.
///
/// Realistic revisions of a 12,000-word guideline need well under a million steps; only texts
/// that share almost nothing come near this bound (a few milliseconds in release).
const WORK_BUDGET: usize = 1_000_000;

/// What happened to a piece of text between the old and the new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiffKind {
    /// The text is in both versions.
    Equal,
    /// The text is only in the new version.
    Insert,
    /// The text is only in the old version.
    Delete,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffOp {
    /// Whether the text was kept, inserted or deleted.
    pub kind: DiffKind,
    /// The text itself, including whitespace and punctuation.
    pub text: String,
}

impl DiffOp {
    /// Builds an op; a convenience for tests and callers that assemble diffs by hand.
    pub fn new(kind: DiffKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// How one section changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionChangeKind {
    /// The section is new; holds its Markdown.
    Added(String),
    /// The section was removed; holds its former Markdown.
    Removed(String),
    /// Title or text changed; holds the word diff of the section's Markdown.
    Changed(Vec<DiffOp>),
    /// Title and text are the same.
    Unchanged,
}

/// The change of one section, paired between the versions by its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChange {
    /// The section's anchor (a renamed heading has a new anchor: removed + added).
    pub anchor: String,
    /// The section's title in the new version (in the old one for removed sections).
    pub title: String,
    /// The old title when it differs from `title` only in ways the anchor ignores.
    pub old_title: Option<String>,
    /// What happened to the section.
    pub kind: SectionChangeKind,
}

/// Computes a word-level diff; adjacent ops of the same kind are merged.
///
/// A change run is always reported as one `Delete` followed by one `Insert`, and whitespace or
/// punctuation on a single line between two changes is folded into them, so that
/// "Die Katze" → "Der Hund" reads as one replacement instead of two.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![DiffOp::new(DiffKind::Equal, old)]
        };
    }
    let old_spans = token_spans(old);
    let new_spans = token_spans(new);
    let old_tokens: Vec<&str> = old_spans.iter().map(|r| &old[r.clone()]).collect();
    let new_tokens: Vec<&str> = new_spans.iter().map(|r| &new[r.clone()]).collect();

    // Unchanged text at both ends is common and cheap to skip before hashing any token.
    let prefix = old_tokens
        .iter()
        .zip(&new_tokens)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old_tokens[prefix..]
        .iter()
        .rev()
        .zip(new_tokens[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old_middle = prefix..old_tokens.len() - suffix;
    let new_middle = prefix..new_tokens.len() - suffix;
    let (old_ids, new_ids) = intern(
        &old_tokens[old_middle.clone()],
        &new_tokens[new_middle.clone()],
    );
    let edits = diff_ids(&old_ids, &new_ids, WORK_BUDGET);

    // The text of a token range is one slice of the original, since tokens are contiguous.
    let text_of = |text: &'_ str, spans: &[Range<usize>], range: Range<usize>| -> String {
        match (
            spans.get(range.start),
            range.end.checked_sub(1).and_then(|last| spans.get(last)),
        ) {
            (Some(first), Some(last)) if !range.is_empty() => {
                text[first.start..last.end].to_owned()
            }
            _ => String::new(),
        }
    };
    let mut ops: Vec<DiffOp> = Vec::with_capacity(edits.len() + 2);
    push_merged(
        &mut ops,
        DiffKind::Equal,
        &text_of(old, &old_spans, 0..prefix),
    );
    for (kind, old_range, new_range) in edits {
        let text = match kind {
            DiffKind::Insert => text_of(new, &new_spans, shift(new_range, prefix)),
            DiffKind::Equal | DiffKind::Delete => {
                text_of(old, &old_spans, shift(old_range, prefix))
            }
        };
        push_merged(&mut ops, kind, &text);
    }
    push_merged(
        &mut ops,
        DiffKind::Equal,
        &text_of(old, &old_spans, old_middle.end..old_tokens.len()),
    );
    tidy_changes(ops)
}

/// Moves a range by `offset` positions.
fn shift(range: Range<usize>, offset: usize) -> Range<usize> {
    range.start + offset..range.end + offset
}

/// Counts the words in inserted and deleted text: `(inserted_words, deleted_words)`.
pub fn diff_stats(ops: &[DiffOp]) -> (usize, usize) {
    let count = |kind: DiffKind| -> usize {
        ops.iter()
            .filter(|op| op.kind == kind)
            .map(|op| count_words(&op.text))
            .sum()
    };
    (count(DiffKind::Insert), count(DiffKind::Delete))
}

/// Rebuilds the old text from a diff (all `Equal` and `Delete` ops in order).
pub fn old_text(ops: &[DiffOp]) -> String {
    ops.iter()
        .filter(|op| op.kind != DiffKind::Insert)
        .map(|op| op.text.as_str())
        .collect()
}

/// Rebuilds the new text from a diff (all `Equal` and `Insert` ops in order).
pub fn new_text(ops: &[DiffOp]) -> String {
    ops.iter()
        .filter(|op| op.kind != DiffKind::Delete)
        .map(|op| op.text.as_str())
        .collect()
}

/// Cuts text into words (letters and digits), whitespace runs and single other characters.
///
/// The tokens concatenated give the text back exactly.
pub fn tokenize(text: &str) -> Vec<&str> {
    token_spans(text)
        .into_iter()
        .map(|span| &text[span])
        .collect()
}

/// The byte ranges of the tokens of [`tokenize`].
fn token_spans(text: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::with_capacity(text.len() / 3);
    let mut start = 0;
    let mut current: Option<TokenClass> = None;
    for (i, c) in text.char_indices() {
        let class = TokenClass::of(c);
        if let Some(previous) = current {
            if previous == class && class != TokenClass::Other {
                continue;
            }
            tokens.push(start..i);
            start = i;
        }
        current = Some(class);
    }
    if start < text.len() {
        tokens.push(start..text.len());
    }
    tokens
}

/// Compares two Markdown documents section by section (sections from [`split_sections`]), on
/// their reading text ([`reading_text`]: what the rendered page shows, without Markdown marks).
///
/// Sections are reported in the order of the new version; a removed section appears where it
/// stood in the old version, after the sections that preceded it there.
pub fn section_diff(old_md: &str, new_md: &str) -> Vec<SectionChange> {
    let old_sections = split_sections(old_md);
    let new_sections = split_sections(new_md);
    let old_index: HashMap<&str, usize> = old_sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.anchor.as_str(), i))
        .collect();
    let new_anchors: HashSet<&str> = new_sections.iter().map(|s| s.anchor.as_str()).collect();

    let mut changes = Vec::with_capacity(old_sections.len().max(new_sections.len()));
    let mut next_old = 0;
    let mut emit_removed_before = |limit: usize, changes: &mut Vec<SectionChange>| {
        while next_old < limit {
            let old = &old_sections[next_old];
            if !new_anchors.contains(old.anchor.as_str()) {
                changes.push(SectionChange {
                    anchor: old.anchor.clone(),
                    title: old.title.clone(),
                    old_title: None,
                    kind: SectionChangeKind::Removed(reading_text(&old.markdown)),
                });
            }
            next_old += 1;
        }
    };

    for new in &new_sections {
        match old_index.get(new.anchor.as_str()) {
            Some(&i) => {
                emit_removed_before(i + 1, &mut changes);
                changes.push(compare_section(&old_sections[i], new));
            }
            None => changes.push(SectionChange {
                anchor: new.anchor.clone(),
                title: new.title.clone(),
                old_title: None,
                kind: SectionChangeKind::Added(reading_text(&new.markdown)),
            }),
        }
    }
    emit_removed_before(old_sections.len(), &mut changes);
    changes
}

/// Compares two versions of the same section.
fn compare_section(old: &SectionText, new: &SectionText) -> SectionChange {
    let old_title = (old.title != new.title).then(|| old.title.clone());
    let kind = if old.markdown == new.markdown && old_title.is_none() {
        SectionChangeKind::Unchanged
    } else {
        // Readers compare what they read, not the Markdown source (pipes, `|---|`, `**`).
        SectionChangeKind::Changed(word_diff(
            &reading_text(&old.markdown),
            &reading_text(&new.markdown),
        ))
    };
    SectionChange {
        anchor: new.anchor.clone(),
        title: new.title.clone(),
        old_title,
        kind,
    }
}

/// The character classes that make up tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenClass {
    /// Letters, digits and combining marks.
    Word,
    /// Any whitespace, including line breaks.
    Space,
    /// Punctuation and symbols; each is its own token.
    Other,
}

impl TokenClass {
    /// Classifies one character.
    #[inline]
    fn of(c: char) -> Self {
        if c.is_ascii() {
            return if c.is_ascii_alphanumeric() {
                Self::Word
            } else if c.is_whitespace() {
                Self::Space
            } else {
                Self::Other
            };
        }
        if c.is_alphanumeric() || is_combining_mark(c) {
            Self::Word
        } else if c.is_whitespace() {
            Self::Space
        } else {
            Self::Other
        }
    }
}

/// Whether `c` is a combining mark, so that a decomposed "u" + "¨" stays one word.
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Counts the word tokens in a text.
fn count_words(text: &str) -> usize {
    tokenize(text)
        .iter()
        .filter(|t| {
            t.chars()
                .next()
                .is_some_and(|c| TokenClass::of(c) == TokenClass::Word)
        })
        .count()
}

/// Maps tokens to small integers so the diff compares numbers instead of strings.
///
/// Single-byte tokens (a space, a comma: about half of all tokens) map to their byte value
/// without hashing; longer ones get ids from 128 up.
fn intern<'a>(old: &[&'a str], new: &[&'a str]) -> (Vec<u32>, Vec<u32>) {
    const FIRST_HASHED_ID: u32 = 128;
    let mut ids: HashMap<&'a str, u32> = HashMap::with_capacity(old.len().max(new.len()) / 2);
    let mut id_of = |token: &'a str| -> u32 {
        if let [byte] = token.as_bytes() {
            return u32::from(*byte);
        }
        let next = u32::try_from(ids.len())
            .ok()
            .and_then(|n| n.checked_add(FIRST_HASHED_ID))
            .unwrap_or(u32::MAX);
        *ids.entry(token).or_insert(next)
    };
    let old_ids = old.iter().map(|t| id_of(t)).collect();
    let new_ids = new.iter().map(|t| id_of(t)).collect();
    (old_ids, new_ids)
}

/// Appends text to the last op if it has the same kind, else starts a new op.
fn push_merged(ops: &mut Vec<DiffOp>, kind: DiffKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => ops.push(DiffOp::new(kind, text)),
    }
}

/// Folds single-line separators between changes into them and orders each change as
/// one delete followed by one insert.
fn tidy_changes(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let len = ops.len();
    let is_change = |op: Option<&DiffOp>| op.is_some_and(|op| op.kind != DiffKind::Equal);
    let absorbed: Vec<bool> = (0..len)
        .map(|i| {
            ops[i].kind == DiffKind::Equal
                && i > 0
                && is_change(ops.get(i - 1))
                && is_change(ops.get(i + 1))
                && !ops[i].text.contains('\n')
                && count_words(&ops[i].text) == 0
        })
        .collect();

    let mut tidy = Vec::with_capacity(len);
    let mut deleted = String::new();
    let mut inserted = String::new();
    for (op, absorbed) in ops.into_iter().zip(absorbed) {
        match op.kind {
            DiffKind::Equal if !absorbed => {
                flush_change(&mut tidy, &mut deleted, &mut inserted);
                tidy.push(op);
            }
            DiffKind::Equal => {
                deleted.push_str(&op.text);
                inserted.push_str(&op.text);
            }
            DiffKind::Delete => deleted.push_str(&op.text),
            DiffKind::Insert => inserted.push_str(&op.text),
        }
    }
    flush_change(&mut tidy, &mut deleted, &mut inserted);
    tidy
}

/// Emits the collected change as a delete and an insert (each only if not empty).
fn flush_change(ops: &mut Vec<DiffOp>, deleted: &mut String, inserted: &mut String) {
    if !deleted.is_empty() {
        ops.push(DiffOp::new(DiffKind::Delete, std::mem::take(deleted)));
    }
    if !inserted.is_empty() {
        ops.push(DiffOp::new(DiffKind::Insert, std::mem::take(inserted)));
    }
}

/// An edit over token ranges: `(kind, range in old, range in new)`.
type Edit = (DiffKind, Range<usize>, Range<usize>);

/// Marks the end of an occurrence chain.
const NO_POSITION: usize = usize::MAX;

/// Tokens that occur more often than this in a range are not used as anchors (as in JGit).
const MAX_CHAIN_LEN: u32 = 64;

/// Diffs two token-id sequences; consecutive edits of the same kind are merged.
///
/// Histogram diff (JGit's refinement of patience diff) splits the problem at rare common
/// tokens, which is fast on prose; stretches made only of frequent tokens (spaces, "und",
/// "die") go to Myers' algorithm, which finds a minimal diff there.
fn diff_ids(old: &[u32], new: &[u32], budget: usize) -> Vec<Edit> {
    let mut differ = Differ::new(old, new, budget);
    differ.histogram(0..old.len(), 0..new.len());
    differ.edits
}

/// Diffs two token-id sequences with Myers' algorithm alone (minimal, but slower on long texts).
#[cfg(test)]
fn myers_ids(old: &[u32], new: &[u32], budget: usize) -> Vec<Edit> {
    let mut differ = Differ::new(old, new, budget);
    differ.myers(0..old.len(), 0..new.len());
    differ.edits
}

/// The outcome of looking for an anchor region in a range.
enum Anchor {
    /// The longest common region around the rarest shared token.
    Found {
        old_start: usize,
        new_start: usize,
        len: usize,
    },
    /// The ranges share no token at all.
    NothingInCommon,
    /// Every shared token is too frequent to anchor on.
    OnlyFrequentTokens,
    /// The work budget ran out.
    OutOfBudget,
}

/// Work still to do in [`Differ::histogram`], kept on an explicit stack so that long texts
/// cannot overflow the (small, on wasm) call stack.
enum Task {
    /// Diff these ranges.
    Diff(Range<usize>, Range<usize>),
    /// Record these ranges as equal.
    Equal(Range<usize>, Range<usize>),
}

/// State of one diff: the sequences, scratch space and the edits found so far.
struct Differ<'a> {
    old: &'a [u32],
    new: &'a [u32],
    /// Occurrences per token id in the old range being searched.
    counts: Vec<u32>,
    /// First position per token id in the old range being searched.
    heads: Vec<usize>,
    /// Next position of the same token, per old position.
    next: Vec<usize>,
    /// Myers' forward furthest-reaching points, allocated on first use.
    forward: Diagonals,
    /// Myers' backward furthest-reaching points, allocated on first use.
    backward: Diagonals,
    /// Comparison steps left before the remaining work is reported as replaced.
    work_left: usize,
    edits: Vec<Edit>,
}

impl<'a> Differ<'a> {
    /// Prepares a diff of `old` against `new` with the given work budget.
    fn new(old: &'a [u32], new: &'a [u32], budget: usize) -> Self {
        let ids = old
            .iter()
            .chain(new)
            .max()
            .map_or(0, |&max| max as usize + 1);
        Self {
            old,
            new,
            counts: vec![0; ids],
            heads: vec![NO_POSITION; ids],
            next: vec![NO_POSITION; old.len()],
            forward: Diagonals::default(),
            backward: Diagonals::default(),
            work_left: budget,
            edits: Vec::new(),
        }
    }

    /// Records an edit, merging it into the previous one when the kinds match.
    fn push(&mut self, kind: DiffKind, old: Range<usize>, new: Range<usize>) {
        if old.is_empty() && new.is_empty() {
            return;
        }
        if let Some((last_kind, last_old, last_new)) = self.edits.last_mut() {
            if *last_kind == kind && last_old.end == old.start && last_new.end == new.start {
                last_old.end = old.end;
                last_new.end = new.end;
                return;
            }
        }
        self.edits.push((kind, old, new));
    }

    /// Records the ranges as deleted and inserted as a whole.
    fn replace(&mut self, old_range: Range<usize>, new_range: Range<usize>) {
        let (old_end, new_start) = (old_range.end, new_range.start);
        self.push(DiffKind::Delete, old_range, new_start..new_start);
        self.push(DiffKind::Insert, old_end..old_end, new_range);
    }

    /// Records the common prefix as equal, and returns the ranges without prefix and suffix
    /// plus the suffix ranges (which the caller records after the middle).
    #[expect(
        clippy::type_complexity,
        reason = "private helper returning two range pairs"
    )]
    fn strip_common(
        &mut self,
        mut old_range: Range<usize>,
        mut new_range: Range<usize>,
    ) -> ((Range<usize>, Range<usize>), (Range<usize>, Range<usize>)) {
        let prefix = common_prefix(&self.old[old_range.clone()], &self.new[new_range.clone()]);
        self.push(
            DiffKind::Equal,
            old_range.start..old_range.start + prefix,
            new_range.start..new_range.start + prefix,
        );
        old_range.start += prefix;
        new_range.start += prefix;
        let suffix = common_suffix(&self.old[old_range.clone()], &self.new[new_range.clone()]);
        let old_suffix = old_range.end - suffix..old_range.end;
        let new_suffix = new_range.end - suffix..new_range.end;
        old_range.end -= suffix;
        new_range.end -= suffix;
        ((old_range, new_range), (old_suffix, new_suffix))
    }

    /// Histogram diff of `old[old_range]` against `new[new_range]`.
    fn histogram(&mut self, old_range: Range<usize>, new_range: Range<usize>) {
        let mut tasks = vec![Task::Diff(old_range, new_range)];
        while let Some(task) = tasks.pop() {
            let (old_range, new_range) = match task {
                Task::Equal(old_range, new_range) => {
                    self.push(DiffKind::Equal, old_range, new_range);
                    continue;
                }
                Task::Diff(old_range, new_range) => (old_range, new_range),
            };
            let ((old_range, new_range), (old_suffix, new_suffix)) =
                self.strip_common(old_range, new_range);
            tasks.push(Task::Equal(old_suffix, new_suffix));
            if old_range.is_empty() || new_range.is_empty() {
                self.replace(old_range, new_range);
                continue;
            }
            match self.find_anchor(old_range.clone(), new_range.clone()) {
                Anchor::Found {
                    old_start,
                    new_start,
                    len,
                } => {
                    tasks.push(Task::Diff(
                        old_start + len..old_range.end,
                        new_start + len..new_range.end,
                    ));
                    tasks.push(Task::Equal(
                        old_start..old_start + len,
                        new_start..new_start + len,
                    ));
                    tasks.push(Task::Diff(
                        old_range.start..old_start,
                        new_range.start..new_start,
                    ));
                }
                Anchor::OnlyFrequentTokens => self.myers(old_range, new_range),
                Anchor::NothingInCommon | Anchor::OutOfBudget => self.replace(old_range, new_range),
            }
        }
    }

    /// Finds the longest common region around the rarest token that both ranges share.
    fn find_anchor(&mut self, old_range: Range<usize>, new_range: Range<usize>) -> Anchor {
        let Some(work_left) = self
            .work_left
            .checked_sub(old_range.len() + new_range.len())
        else {
            self.work_left = 0;
            return Anchor::OutOfBudget;
        };
        self.work_left = work_left;
        for i in old_range.clone().rev() {
            let token = self.old[i] as usize;
            self.next[i] = self.heads[token];
            self.heads[token] = i;
            self.counts[token] += 1;
        }

        let mut best: Option<(usize, usize, usize)> = None;
        let mut min_occurrences = MAX_CHAIN_LEN;
        let mut shared = false;
        let mut steps = 0usize;
        let mut j = new_range.start;
        while j < new_range.end {
            let token = self.new[j] as usize;
            let count = self.counts.get(token).copied().unwrap_or(0);
            if count == 0 || count > min_occurrences {
                shared |= count > 0;
                j += 1;
                continue;
            }
            shared = true;
            let mut next_j = j + 1;
            let mut i = self.heads[token];
            while i != NO_POSITION {
                let mut occurrences = count;
                let (mut old_start, mut new_start) = (i, j);
                while old_start > old_range.start
                    && new_start > new_range.start
                    && self.old[old_start - 1] == self.new[new_start - 1]
                {
                    old_start -= 1;
                    new_start -= 1;
                    occurrences = occurrences.min(self.counts[self.old[old_start] as usize]);
                }
                let (mut old_end, mut new_end) = (i + 1, j + 1);
                while old_end < old_range.end
                    && new_end < new_range.end
                    && self.old[old_end] == self.new[new_end]
                {
                    occurrences = occurrences.min(self.counts[self.old[old_end] as usize]);
                    old_end += 1;
                    new_end += 1;
                }
                steps += old_end - old_start;
                next_j = next_j.max(new_end);
                let len = old_end - old_start;
                if best.is_none_or(|(_, _, best_len)| best_len < len)
                    || occurrences < min_occurrences
                {
                    min_occurrences = occurrences;
                    best = Some((old_start, new_start, len));
                }
                // Occurrences inside the region just matched cannot start a longer one.
                i = self.next[i];
                while i != NO_POSITION && i < old_end {
                    i = self.next[i];
                }
            }
            j = next_j;
        }

        for i in old_range {
            let token = self.old[i] as usize;
            self.counts[token] = 0;
            self.heads[token] = NO_POSITION;
        }
        let Some(work_left) = self.work_left.checked_sub(steps) else {
            self.work_left = 0;
            return Anchor::OutOfBudget;
        };
        self.work_left = work_left;
        match best {
            Some((old_start, new_start, len)) => Anchor::Found {
                old_start,
                new_start,
                len,
            },
            None if shared => Anchor::OnlyFrequentTokens,
            None => Anchor::NothingInCommon,
        }
    }

    /// Myers' linear-space diff of `old[old_range]` against `new[new_range]`.
    fn myers(&mut self, old_range: Range<usize>, new_range: Range<usize>) {
        if self.forward.values.is_empty() {
            let max_d = (self.old.len() + self.new.len()).div_ceil(2) + 1;
            self.forward = Diagonals::new(max_d);
            self.backward = Diagonals::new(max_d);
        }
        self.conquer(old_range, new_range);
    }

    /// One divide-and-conquer step of Myers' algorithm (Myers 1986, section 4b).
    fn conquer(&mut self, old_range: Range<usize>, new_range: Range<usize>) {
        let ((old_range, new_range), (old_suffix, new_suffix)) =
            self.strip_common(old_range, new_range);
        if old_range.is_empty() || new_range.is_empty() {
            self.replace(old_range, new_range);
        } else {
            match self.middle_snake(old_range.clone(), new_range.clone()) {
                Some((x, y))
                    if (x, y) != (old_range.start, new_range.start)
                        && (x, y) != (old_range.end, new_range.end) =>
                {
                    self.conquer(old_range.start..x, new_range.start..y);
                    self.conquer(x..old_range.end, y..new_range.end);
                }
                _ => self.replace(old_range, new_range),
            }
        }
        self.push(DiffKind::Equal, old_suffix, new_suffix);
    }

    /// Finds a point on an optimal edit path roughly in its middle, or `None` when the work
    /// budget runs out first.
    fn middle_snake(
        &mut self,
        old_range: Range<usize>,
        new_range: Range<usize>,
    ) -> Option<(usize, usize)> {
        let old = &self.old[old_range.clone()];
        let new = &self.new[new_range.clone()];
        let n = isize::try_from(old.len()).ok()?;
        let m = isize::try_from(new.len()).ok()?;
        let delta = n - m;
        let odd = delta & 1 == 1;
        let d_max = (n + m + 1) / 2;
        self.forward.set(1, 0);
        self.backward.set(1, 0);

        for d in 0..=d_max {
            let cost = usize::try_from(d + 1).unwrap_or(usize::MAX);
            self.work_left = self.work_left.checked_sub(cost)?;

            let mut k = -d;
            while k <= d {
                let mut x =
                    if k == -d || (k != d && self.forward.get(k - 1) < self.forward.get(k + 1)) {
                        self.forward.get(k + 1)
                    } else {
                        self.forward.get(k - 1) + 1
                    };
                let mut y = x - k;
                let (x0, y0) = (x, y);
                while x < n && y < m && old[x as usize] == new[y as usize] {
                    x += 1;
                    y += 1;
                }
                self.work_left = self.work_left.checked_sub((x - x0) as usize)?;
                self.forward.set(k, x);
                if odd && (k - delta).abs() < d && x + self.backward.get(delta - k) >= n {
                    return Some((old_range.start + x0 as usize, new_range.start + y0 as usize));
                }
                k += 2;
            }

            let mut k = -d;
            while k <= d {
                let mut x =
                    if k == -d || (k != d && self.backward.get(k - 1) < self.backward.get(k + 1)) {
                        self.backward.get(k + 1)
                    } else {
                        self.backward.get(k - 1) + 1
                    };
                let mut y = x - k;
                let x0 = x;
                while x < n && y < m && old[(n - x - 1) as usize] == new[(m - y - 1) as usize] {
                    x += 1;
                    y += 1;
                }
                self.work_left = self.work_left.checked_sub((x - x0) as usize)?;
                self.backward.set(k, x);
                if !odd && (k - delta).abs() <= d && x + self.forward.get(delta - k) >= n {
                    return Some((
                        old_range.start + (n - x) as usize,
                        new_range.start + (m - y) as usize,
                    ));
                }
                k += 2;
            }
        }
        None
    }
}

/// The furthest-reaching x position per diagonal k, for k in `-max_d..=max_d`.
#[derive(Default)]
struct Diagonals {
    offset: isize,
    values: Vec<isize>,
}

impl Diagonals {
    /// Allocates room for diagonals `-max_d..=max_d` (plus one on each side).
    fn new(max_d: usize) -> Self {
        let offset = isize::try_from(max_d + 1).unwrap_or(isize::MAX / 4);
        Self {
            offset,
            values: vec![0; (max_d + 1) * 2 + 1],
        }
    }

    /// The value on diagonal `k`.
    fn get(&self, k: isize) -> isize {
        self.values[(k + self.offset) as usize]
    }

    /// Sets the value on diagonal `k`.
    fn set(&mut self, k: isize, value: isize) {
        self.values[(k + self.offset) as usize] = value;
    }
}

/// Length of the common prefix of two sequences.
fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Length of the common suffix of two sequences.
fn common_suffix(a: &[u32], b: &[u32]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DiffKind::{Delete, Equal, Insert};

    fn assert_round_trip(old: &str, new: &str) -> Vec<DiffOp> {
        let ops = word_diff(old, new);
        assert_eq!(old_text(&ops), old, "old text not reconstructed: {ops:?}");
        assert_eq!(new_text(&ops), new, "new text not reconstructed: {ops:?}");
        for pair in ops.windows(2) {
            assert_ne!(
                pair[0].kind, pair[1].kind,
                "adjacent ops not merged: {ops:?}"
            );
        }
        assert!(
            ops.iter().all(|op| !op.text.is_empty()),
            "empty op: {ops:?}"
        );
        ops
    }

    /// A small deterministic pseudo-random generator for reproducible test texts.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize
        }
    }

    const VOCABULARY: &[&str] = &[
        "die",
        "der",
        "das",
        "und",
        "Mitarbeitende",
        "Leitlinie",
        "KI",
        "Daten",
        "prüfen",
        "Würde",
        "Teilhabe",
        "Datenschutz",
        "Betriebsrat",
        "Klient:innen",
        "Werkzeug",
        "nutzen",
        "nicht",
        "immer",
        "Übersetzung",
        "Verantwortung",
        "Team",
        "Entscheidung",
        "menschlich",
        "Schutz",
        "für",
        "mit",
        "ohne",
        "wird",
        "sollen",
        "dürfen",
        "Größe",
        "Maßnahme",
        "öffentlich",
    ];

    fn random_text(rng: &mut Lcg, words: usize) -> String {
        let mut text = String::new();
        for i in 0..words {
            if i > 0 {
                text.push_str(if rng.next().is_multiple_of(13) {
                    ".\n\n"
                } else if rng.next().is_multiple_of(7) {
                    ", "
                } else {
                    " "
                });
            }
            text.push_str(VOCABULARY[rng.next() % VOCABULARY.len()]);
        }
        text
    }

    /// Applies scattered word replacements, insertions and deletions.
    fn edit_text(rng: &mut Lcg, text: &str, every: usize) -> String {
        let mut out = Vec::new();
        for word in text.split(' ') {
            match rng.next() % every {
                0 => out.push("GEÄNDERT"),
                1 => {}
                2 => {
                    out.push(word);
                    out.push("neu eingefügt");
                }
                _ => out.push(word),
            }
        }
        out.join(" ")
    }

    /// Length of the longest common subsequence by dynamic programming (for small inputs).
    fn lcs_len(a: &[u32], b: &[u32]) -> usize {
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                table[i][j] = if a[i] == b[j] {
                    table[i + 1][j + 1] + 1
                } else {
                    table[i + 1][j].max(table[i][j + 1])
                };
            }
        }
        table[0][0]
    }

    #[test]
    fn tokens_are_words_whitespace_runs_and_single_punctuation() {
        assert_eq!(
            tokenize("KI-Leitlinie:  Würde, Teilhabe!\n"),
            [
                "KI",
                "-",
                "Leitlinie",
                ":",
                "  ",
                "Würde",
                ",",
                " ",
                "Teilhabe",
                "!",
                "\n"
            ]
        );
        assert_eq!(tokenize("..."), [".", ".", "."]);
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn decomposed_umlauts_stay_inside_their_word() {
        let decomposed = "Gru\u{0308}n ist schön";
        assert_eq!(
            tokenize(decomposed),
            ["Gru\u{0308}n", " ", "ist", " ", "schön"]
        );
    }

    #[test]
    fn a_hand_checked_example_gives_the_expected_ops() {
        // old: "Die Katze schläft im Haus."   new: "Der Hund schläft im Garten."
        // Tokens old: Die ␣ Katze ␣ schläft ␣ im ␣ Haus .
        // Tokens new: Der ␣ Hund ␣ schläft ␣ im ␣ Garten .
        // Common: "␣ schläft ␣ im ␣" and "." — the single space between the two replaced
        // words is folded into the change, so the first change reads as one replacement.
        let ops = assert_round_trip("Die Katze schläft im Haus.", "Der Hund schläft im Garten.");
        assert_eq!(
            ops,
            vec![
                DiffOp::new(Delete, "Die Katze"),
                DiffOp::new(Insert, "Der Hund"),
                DiffOp::new(Equal, " schläft im "),
                DiffOp::new(Delete, "Haus"),
                DiffOp::new(Insert, "Garten"),
                DiffOp::new(Equal, "."),
            ]
        );
        assert_eq!(diff_stats(&ops), (3, 3));
    }

    #[test]
    fn an_inserted_sentence_is_one_insert() {
        let ops = assert_round_trip(
            "Wir nutzen KI. Wir prüfen Ergebnisse.",
            "Wir nutzen KI. Der Betriebsrat wird beteiligt. Wir prüfen Ergebnisse.",
        );
        assert_eq!(
            ops,
            vec![
                DiffOp::new(Equal, "Wir nutzen KI. "),
                DiffOp::new(Insert, "Der Betriebsrat wird beteiligt. "),
                DiffOp::new(Equal, "Wir prüfen Ergebnisse."),
            ]
        );
        assert_eq!(diff_stats(&ops), (4, 0));
    }

    #[test]
    fn a_deleted_word_is_one_delete() {
        let ops = assert_round_trip("Das ist nicht erlaubt.", "Das ist erlaubt.");
        assert_eq!(
            ops,
            vec![
                DiffOp::new(Equal, "Das ist "),
                DiffOp::new(Delete, "nicht "),
                DiffOp::new(Equal, "erlaubt."),
            ]
        );
        assert_eq!(diff_stats(&ops), (0, 1));
    }

    #[test]
    fn paragraph_breaks_between_changes_stay_equal() {
        let ops = assert_round_trip("alt\n\nalt", "neu\n\nneu");
        assert_eq!(
            ops,
            vec![
                DiffOp::new(Delete, "alt"),
                DiffOp::new(Insert, "neu"),
                DiffOp::new(Equal, "\n\n"),
                DiffOp::new(Delete, "alt"),
                DiffOp::new(Insert, "neu"),
            ]
        );
    }

    #[test]
    fn empty_inputs_round_trip() {
        assert!(assert_round_trip("", "").is_empty());
        assert_eq!(
            assert_round_trip("", "Neu hier"),
            vec![DiffOp::new(Insert, "Neu hier")]
        );
        assert_eq!(
            assert_round_trip("Weg damit", ""),
            vec![DiffOp::new(Delete, "Weg damit")]
        );
        assert_eq!(
            assert_round_trip("gleich", "gleich"),
            vec![DiffOp::new(Equal, "gleich")]
        );
    }

    #[test]
    fn german_umlauts_and_gender_forms_round_trip() {
        let old =
            "Die Würde der Klient:innen ist unantastbar. Größe, Maß und Übermaß – öffentlich.";
        let new =
            "Die Würde aller Klient*innen ist unantastbar! Maß und Übermaß — öffentlich, äußerst.";
        let ops = assert_round_trip(old, new);
        assert!(
            ops.iter()
                .any(|op| op.kind == Delete && op.text.contains("Größe")),
            "{ops:?}"
        );
    }

    #[test]
    fn whitespace_only_changes_round_trip() {
        assert_round_trip("a b  c\n d", "a  b c\n\nd ");
        assert_round_trip("\n\n\n", " ");
        assert_round_trip("  ", "");
    }

    #[test]
    fn random_texts_round_trip() {
        let mut rng = Lcg(7);
        for round in 0..200 {
            let old = random_text(&mut rng, round % 40);
            let new = if round % 5 == 0 {
                random_text(&mut rng, round % 30)
            } else {
                edit_text(&mut rng, &old, 4 + round % 6)
            };
            assert_round_trip(&old, &new);
        }
    }

    /// Checks that the edits cover both sequences in order and that equal ranges are equal.
    fn assert_valid_edits(a: &[u32], b: &[u32], edits: &[Edit]) {
        let mut rebuilt_a = Vec::new();
        let mut rebuilt_b = Vec::new();
        for (kind, old, new) in edits {
            match kind {
                Equal => {
                    assert_eq!(a[old.clone()], b[new.clone()]);
                    rebuilt_a.extend_from_slice(&a[old.clone()]);
                    rebuilt_b.extend_from_slice(&b[new.clone()]);
                }
                Delete => rebuilt_a.extend_from_slice(&a[old.clone()]),
                Insert => rebuilt_b.extend_from_slice(&b[new.clone()]),
            }
        }
        assert_eq!(rebuilt_a, a, "{edits:?}");
        assert_eq!(rebuilt_b, b, "{edits:?}");
    }

    fn random_ids(rng: &mut Lcg, max_len: usize, alphabet: usize) -> Vec<u32> {
        (0..rng.next() % max_len)
            .map(|_| (rng.next() % alphabet) as u32)
            .collect()
    }

    #[test]
    fn the_myers_fallback_is_minimal_on_small_inputs() {
        let mut rng = Lcg(42);
        for _ in 0..500 {
            let a = random_ids(&mut rng, 25, 4);
            let b = random_ids(&mut rng, 25, 4);
            let edits = myers_ids(&a, &b, usize::MAX);
            let equal: usize = edits
                .iter()
                .filter(|e| e.0 == Equal)
                .map(|e| e.1.len())
                .sum();
            assert_eq!(equal, lcs_len(&a, &b), "{a:?} vs {b:?}: {edits:?}");
            assert_valid_edits(&a, &b, &edits);
        }
    }

    #[test]
    fn the_histogram_diff_gives_valid_edits_on_random_inputs() {
        let mut rng = Lcg(4711);
        for round in 0..1_000 {
            let alphabet = [2, 5, 20, 200][round % 4];
            let a = random_ids(&mut rng, 60, alphabet);
            let b = if round % 3 == 0 {
                random_ids(&mut rng, 60, alphabet)
            } else {
                let mut b = a.clone();
                for _ in 0..rng.next() % 6 {
                    let pos = rng.next() % (b.len() + 1);
                    match rng.next() % 3 {
                        0 if pos < b.len() => {
                            b.remove(pos);
                        }
                        1 if pos < b.len() => b[pos] = (rng.next() % alphabet) as u32,
                        _ => b.insert(pos, (rng.next() % alphabet) as u32),
                    }
                }
                b
            };
            let edits = diff_ids(&a, &b, usize::MAX);
            assert_valid_edits(&a, &b, &edits);
        }
    }

    #[test]
    fn the_histogram_diff_finds_the_optimum_for_few_scattered_edits() {
        // Unique tokens with one replacement and one deletion: LCS is 8 of 10.
        let a: Vec<u32> = (0..10).collect();
        let b = vec![0, 1, 2, 99, 4, 5, 6, 8, 9];
        let edits = diff_ids(&a, &b, usize::MAX);
        let equal: usize = edits
            .iter()
            .filter(|e| e.0 == Equal)
            .map(|e| e.1.len())
            .sum();
        assert_eq!(equal, 8);
        assert_valid_edits(&a, &b, &edits);
    }

    #[test]
    fn an_exhausted_budget_still_gives_a_correct_diff() {
        let mut rng = Lcg(3);
        let old = random_text(&mut rng, 300);
        let new = random_text(&mut rng, 300);
        let old_tokens = tokenize(&old);
        let new_tokens = tokenize(&new);
        let (a, b) = intern(&old_tokens, &new_tokens);
        for budget in [0, 10, 1_000] {
            let edits = diff_ids(&a, &b, budget);
            let old_len: usize = edits
                .iter()
                .filter(|e| e.0 != Insert)
                .map(|e| e.1.len())
                .sum();
            let new_len: usize = edits
                .iter()
                .filter(|e| e.0 != Delete)
                .map(|e| e.2.len())
                .sum();
            assert_eq!((old_len, new_len), (a.len(), b.len()));
        }
    }

    #[test]
    fn twelve_thousand_word_texts_are_diffed_quickly() {
        let mut rng = Lcg(2025);
        let old = random_text(&mut rng, 12_000);
        let new = edit_text(&mut rng, &old, 40);
        let started = std::time::Instant::now();
        let ops = word_diff(&old, &new);
        let elapsed = started.elapsed();
        assert_eq!(old_text(&ops), old);
        assert_eq!(new_text(&ops), new);
        let (inserted, deleted) = diff_stats(&ops);
        assert!(inserted > 100 && deleted > 100, "{inserted} {deleted}");
        // Timing is only meaningful in release builds; the bound is generous for shared CI.
        if !cfg!(debug_assertions) {
            assert!(elapsed.as_millis() < 200, "took {elapsed:?}");
        }
    }

    #[test]
    fn completely_different_long_texts_finish_and_round_trip() {
        let mut rng = Lcg(99);
        let old = random_text(&mut rng, 12_000);
        let new = random_text(&mut rng, 12_000);
        let ops = word_diff(&old, &new);
        assert_eq!(old_text(&ops), old);
        assert_eq!(new_text(&ops), new);
    }

    #[test]
    fn diff_stats_count_words_not_characters() {
        let ops = vec![
            DiffOp::new(Equal, "Wir "),
            DiffOp::new(Delete, "prüfen, ob "),
            DiffOp::new(Insert, "testen "),
            DiffOp::new(Equal, "es"),
        ];
        assert_eq!(diff_stats(&ops), (1, 2));
        assert_eq!(diff_stats(&[]), (0, 0));
    }

    #[test]
    fn section_diff_reports_added_removed_changed_and_unchanged_sections() {
        let old = "Vorwort.\n\n# Werte\n\nWürde und Teilhabe.\n\n# Ausschlüsse\n\nKeine Profile.\n\n# Kontakt\n\nKoordination.\n";
        let new = "Vorwort.\n\n# Werte\n\nWürde, Teilhabe und Transparenz.\n\n# Kontakt\n\nKoordination.\n\n# Überprüfung\n\nAlle zwei Jahre.\n";
        let changes = section_diff(old, new);
        let summary: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| {
                let kind = match &c.kind {
                    SectionChangeKind::Added(_) => "added",
                    SectionChangeKind::Removed(_) => "removed",
                    SectionChangeKind::Changed(_) => "changed",
                    SectionChangeKind::Unchanged => "unchanged",
                };
                (c.anchor.as_str(), kind)
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("einleitung", "unchanged"),
                ("werte", "changed"),
                ("ausschluesse", "removed"),
                ("kontakt", "unchanged"),
                ("ueberpruefung", "added"),
            ]
        );
        let SectionChangeKind::Changed(ops) = &changes[1].kind else {
            panic!("expected a change: {changes:?}");
        };
        assert_eq!(old_text(ops), "Würde und Teilhabe.");
        assert_eq!(new_text(ops), "Würde, Teilhabe und Transparenz.");
        assert_eq!(
            changes[2].kind,
            SectionChangeKind::Removed("Keine Profile.".into())
        );
        assert_eq!(
            changes[4].kind,
            SectionChangeKind::Added("Alle zwei Jahre.".into())
        );
    }

    #[test]
    fn section_diff_compares_the_text_as_read_not_the_markdown_source() {
        let old = "# Werkzeuge\n\n| Werkzeug | Erlaubt |\n|---|---|\n| Übersetzung | ja |\n\nWir prüfen **jedes** Ergebnis.\n";
        let new = "# Werkzeuge\n\n| Werkzeug | Erlaubt |\n|---|---|\n| Übersetzung | nein |\n\nWir prüfen **jedes** Ergebnis.\n";
        let changes = section_diff(old, new);
        let SectionChangeKind::Changed(ops) = &changes[0].kind else {
            panic!("expected a change: {changes:?}");
        };
        let shown: String = ops.iter().map(|op| op.text.as_str()).collect();
        assert!(
            !shown.contains('|') && !shown.contains("---") && !shown.contains("**"),
            "{shown}"
        );
        assert_eq!(
            new_text(ops),
            "Werkzeug │ Erlaubt\nÜbersetzung │ nein\n\nWir prüfen jedes Ergebnis."
        );
        assert_eq!(diff_stats(ops), (1, 1));
        let added = section_diff("", "# Neu\n\n- **eins**\n");
        assert_eq!(added[0].kind, SectionChangeKind::Added("• eins".into()));
    }

    #[test]
    fn section_diff_notices_a_title_change_that_keeps_the_anchor() {
        let changes = section_diff("# Datenschutz\n\nText", "# Datenschutz!\n\nText");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].old_title.as_deref(), Some("Datenschutz"));
        assert_eq!(changes[0].title, "Datenschutz!");
        assert!(matches!(changes[0].kind, SectionChangeKind::Changed(_)));
    }

    #[test]
    fn section_diff_of_empty_documents_is_empty() {
        assert!(section_diff("", "").is_empty());
        let added = section_diff("", "# Neu\n");
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].kind, SectionChangeKind::Added(String::new()));
    }

    #[test]
    fn removed_sections_keep_their_old_position() {
        let changes = section_diff("# A\n# B\n# C\n", "# C\n# A\n");
        let anchors: Vec<&str> = changes.iter().map(|c| c.anchor.as_str()).collect();
        // C is matched first (old index 2), so A and B come out before it; A is then matched.
        assert_eq!(anchors, ["b", "c", "a"]);
        assert!(matches!(changes[0].kind, SectionChangeKind::Removed(_)));
    }
}
