//! Positions in the source text: a line index built once per text (byte
//! offset ↔ line and column by binary search), and a small JSON scanner that
//! maps JSON pointers to positions and finds keys that occur twice in one
//! object, in one pass over the text whatever the number of pointers.
//!
//! The scanner runs only over text that `serde_json` has already parsed, but
//! it never panics on any input: it stops early on anything unexpected and
//! never recurses deeper than [`MAX_DEPTH`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Deeper nesting than this is not scanned (`serde_json` stops at 128).
const MAX_DEPTH: usize = 256;

/// Bytes per checkpoint of the character count: a column costs a binary
/// search plus at most this many bytes counted, even on a minified file
/// whose only line is hundreds of megabytes long.
const BLOCK: usize = 64;

/// A 1-based line and column; the column counts Unicode characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a value sits: the start of the value and, for an object member,
/// the start of its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub key: Option<Position>,
    pub value: Position,
}

/// A key that occurs twice in one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    /// Pointer to the member (the second occurrence).
    pub pointer: String,
    /// The key, decoded.
    pub key: String,
    /// Where the second occurrence's key starts.
    pub position: Position,
}

/// The lines of a text, indexed once: byte offsets become 1-based lines and
/// columns (counted in characters) and back in logarithmic time, so that
/// locating any number of issues costs no rescan of the text.
///
/// ```
/// use actionplan_interchange::LineIndex;
/// let index = LineIndex::new("{\n  \"é\": 1\n}");
/// assert_eq!(index.line_column(10), (2, 8)); // the `1`, after a two-byte `é`
/// assert_eq!(index.offset(2, 8), Some(10));
/// assert_eq!(index.line_range(2), Some(2..11));
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    /// Characters before each multiple of [`BLOCK`].
    chars: Vec<usize>,
}

thread_local! {
    /// Bytes this thread's locating has read, for tests that check the work
    /// grows linearly with the input (a count, not a timing).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn count_work(bytes: usize) {
    let n = u64::try_from(bytes).unwrap_or(u64::MAX);
    WORK.with(|w| w.set(w.get().saturating_add(n)));
}

/// Bytes read so far by this thread to index lines and locate pointers.
#[cfg(feature = "test-hooks")]
pub fn locate_work() -> u64 {
    WORK.with(std::cell::Cell::get)
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

impl<'a> LineIndex<'a> {
    /// Indexes `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        count_work(text.len());
        let mut chars = Vec::with_capacity((text.len() / BLOCK).saturating_add(1));
        let mut count = 0usize;
        chars.push(0);
        for block in text.as_bytes().chunks(BLOCK) {
            let n = block.iter().filter(|b| !is_continuation(**b)).count();
            count = count.saturating_add(n);
            chars.push(count);
        }
        LineIndex {
            text,
            starts,
            chars,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How many lines the text has (a final line break opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Characters before byte `offset` (clamped to the text).
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / BLOCK;
        let base = self.chars.get(block).copied().unwrap_or(0);
        let from = block.saturating_mul(BLOCK);
        let rest = self.text.as_bytes().get(from..offset).map_or(0, |b| {
            count_work(b.len());
            b.iter().filter(|b| !is_continuation(**b)).count()
        });
        base.saturating_add(rest)
    }

    /// The byte offset where character number `c` (from 0) starts, or the
    /// end of the text.
    fn offset_of_char(&self, c: usize) -> usize {
        let bytes = self.text.as_bytes();
        let block = self.chars.partition_point(|&x| x <= c).saturating_sub(1);
        let mut need = c.saturating_sub(self.chars.get(block).copied().unwrap_or(0));
        let mut pos = block.saturating_mul(BLOCK).min(bytes.len());
        // A block may start inside a character counted in the block before.
        while bytes.get(pos).is_some_and(|b| is_continuation(*b)) {
            pos = pos.saturating_add(1);
        }
        while need > 0 && pos < bytes.len() {
            pos = pos.saturating_add(1);
            while bytes.get(pos).is_some_and(|b| is_continuation(*b)) {
                pos = pos.saturating_add(1);
            }
            need = need.saturating_sub(1);
        }
        count_work(pos.saturating_sub(block.saturating_mul(BLOCK)));
        pos
    }

    /// The 1-based line and character column of byte `offset` (clamped to
    /// the text).
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let p = self.position(offset);
        (p.line, p.column)
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .chars_before(offset)
            .saturating_sub(self.chars_before(start))
            .saturating_add(1);
        Position { line, column }
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = match self.starts.get(line) {
            Some(next) => next.saturating_sub(1),
            None => self.text.len(),
        };
        let end = if self.text.as_bytes().get(end.saturating_sub(1)) == Some(&b'\r') && end > start
        {
            end.saturating_sub(1)
        } else {
            end
        };
        Some(start..end.max(start))
    }

    /// The byte offset of 1-based `line` and character `column`; a column
    /// past the end of the line gives the line's end.
    pub fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let range = self.line_range(line)?;
        let first = self.chars_before(range.start);
        let wanted = first.saturating_add(column.checked_sub(1)?);
        Some(self.offset_of_char(wanted).clamp(range.start, range.end))
    }

    /// Converts a `serde_json` position (1-based line, byte-based column)
    /// into one whose column counts characters.
    pub(crate) fn serde_position(&self, line: usize, column: usize) -> Position {
        let Some(&start) = line.checked_sub(1).and_then(|l| self.starts.get(l)) else {
            return Position {
                line: line.max(1),
                column: column.max(1),
            };
        };
        let mut offset = start.saturating_add(column.saturating_sub(1));
        while offset < self.text.len() && !self.text.is_char_boundary(offset) {
            offset = offset.saturating_add(1);
        }
        self.position(offset)
    }
}

/// Escapes one reference token of a JSON pointer.
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends `/token`, escaped, to a pointer without allocating for the
/// common token that needs no escape.
fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&escape_token(token));
    } else {
        pointer.push_str(token);
    }
}

/// Every prefix of a pointer, itself included, longest first.
pub(crate) fn prefixes(pointer: &str) -> impl Iterator<Item = &str> {
    let mut end = Some(pointer.len());
    std::iter::from_fn(move || {
        let e = end?;
        let p = pointer.get(..e)?;
        end = if e == 0 { None } else { p.rfind('/') };
        Some(p)
    })
}

/// Finds the spans of `wanted` pointers (exact matches) in one pass and
/// collects duplicate keys.
pub(crate) struct Scan {
    pub spans: HashMap<String, Span>,
    pub duplicates: Vec<DuplicateKey>,
}

/// Scans the indexed text; records the spans of every pointer in `wanted`
/// (all values when `wanted` is `None`).
pub(crate) fn scan(lines: &LineIndex<'_>, wanted: Option<&HashSet<String>>) -> Scan {
    let text = lines.text();
    let mut s = Scanner {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        pointer: String::new(),
        wanted,
        lines,
        out: Scan {
            spans: HashMap::new(),
            duplicates: Vec::new(),
        },
    };
    s.ws();
    s.value(None, 0);
    count_work(s.pos);
    s.out
}

/// The spans of `pointers`; a pointer that names nothing is located at its
/// longest prefix that does. One pass over the text for all of them.
pub(crate) fn locate(lines: &LineIndex<'_>, pointers: &[&str]) -> Vec<Option<Span>> {
    locate_and_find_duplicates(lines, pointers).0
}

/// [`locate`], and the keys that occur twice, in the same single pass.
pub(crate) fn locate_and_find_duplicates(
    lines: &LineIndex<'_>,
    pointers: &[&str],
) -> (Vec<Option<Span>>, Vec<DuplicateKey>) {
    let wanted: HashSet<String> = pointers
        .iter()
        .flat_map(|p| prefixes(p))
        .map(str::to_owned)
        .collect();
    let Scan {
        spans: found,
        duplicates,
    } = scan(lines, Some(&wanted));
    let spans = pointers
        .iter()
        .map(|p| {
            let mut it = prefixes(p);
            let exact = it.next().and_then(|p| found.get(p).copied());
            exact.or_else(|| {
                it.find_map(|p| found.get(p)).map(|s| Span {
                    key: None,
                    value: s.value,
                })
            })
        })
        .collect();
    (spans, duplicates)
}

/// The span of one pointer.
pub(crate) fn locate_one(lines: &LineIndex<'_>, pointer: &str) -> Option<Span> {
    locate(lines, &[pointer]).into_iter().next().flatten()
}

struct Scanner<'a, 'w> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    pointer: String,
    wanted: Option<&'w HashSet<String>>,
    lines: &'a LineIndex<'a>,
    out: Scan,
}

impl Scanner<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump(1);
        }
    }

    fn record(&mut self, key: Option<usize>) {
        let want = self.wanted.is_none_or(|w| w.contains(&self.pointer));
        if want {
            let span = Span {
                key: key.map(|k| self.lines.position(k)),
                value: self.lines.position(self.pos),
            };
            self.out.spans.insert(self.pointer.clone(), span);
        }
    }

    /// Scans one value starting at `pos`; returns false to stop scanning.
    fn value(&mut self, key: Option<usize>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        self.record(key);
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.bump(1);
                }
                true
            }
            None => false,
        }
    }

    /// Scans a string token; returns its byte range including the quotes.
    fn string(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.bump(1);
        loop {
            match self.peek()? {
                b'\\' => self.bump(2),
                b'"' => {
                    self.bump(1);
                    return Some((start, self.pos));
                }
                _ => self.bump(1),
            }
        }
    }

    fn object(&mut self, depth: usize) -> bool {
        self.bump(1);
        let mut keys: HashSet<std::borrow::Cow<'_, str>> = HashSet::new();
        let base = self.pointer.len();
        loop {
            self.ws();
            match self.peek() {
                Some(b'}') => {
                    self.bump(1);
                    return true;
                }
                Some(b',') => {
                    self.bump(1);
                    continue;
                }
                Some(b'"') => {}
                _ => return false,
            }
            let Some((ks, ke)) = self.string() else {
                return false;
            };
            let text = self.text;
            let raw = text.get(ks..ke).unwrap_or("\"\"");
            let inner = raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(raw);
            // Most keys have no escape: borrow them, skip the decoder.
            let key: std::borrow::Cow<'_, str> = if inner.contains('\\') {
                serde_json::from_str::<String>(raw)
                    .unwrap_or_else(|_| inner.to_owned())
                    .into()
            } else {
                inner.into()
            };
            push_token(&mut self.pointer, &key);
            if keys.contains(&key) {
                self.out.duplicates.push(DuplicateKey {
                    pointer: self.pointer.clone(),
                    key: key.into_owned(),
                    position: self.lines.position(ks),
                });
            } else {
                keys.insert(key);
            }
            self.ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.bump(1);
            self.ws();
            let ok = self.value(Some(ks), depth.saturating_add(1));
            self.pointer.truncate(base);
            if !ok {
                return false;
            }
        }
    }

    fn array(&mut self, depth: usize) -> bool {
        self.bump(1);
        let base = self.pointer.len();
        let mut index = 0usize;
        loop {
            self.ws();
            match self.peek() {
                Some(b']') => {
                    self.bump(1);
                    return true;
                }
                Some(b',') => {
                    self.bump(1);
                    continue;
                }
                None => return false,
                Some(_) => {}
            }
            self.pointer.push('/');
            let _ = std::fmt::Write::write_fmt(&mut self.pointer, format_args!("{index}"));
            let ok = self.value(None, depth.saturating_add(1));
            self.pointer.truncate(base);
            if !ok {
                return false;
            }
            index = index.saturating_add(1);
        }
    }
}

/// Fills in line and column; `at_key` points at the member's key instead of
/// its value (for members that should not be there). Returns the keys given
/// twice, found in the same pass.
pub(crate) fn locate_issues(
    lines: &LineIndex<'_>,
    issues: &mut [(crate::Issue, bool)],
) -> Vec<DuplicateKey> {
    let pointers: Vec<&str> = issues.iter().map(|(i, _)| i.pointer.as_str()).collect();
    let (spans, duplicates) = locate_and_find_duplicates(lines, &pointers);
    for ((issue, at_key), span) in issues.iter_mut().zip(spans) {
        if let Some(span) = span {
            let p = if *at_key {
                span.key.unwrap_or(span.value)
            } else {
                span.value
            };
            issue.line = Some(p.line);
            issue.column = Some(p.column);
        }
    }
    duplicates
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": [1, {\"b~/c\": \"é\"}],\n  \"é\": {\"x\": null, \"x\": true}\n}\n";

    fn at(p: &str) -> Option<(usize, usize)> {
        locate(&LineIndex::new(DOC), &[p])[0].map(|s| (s.value.line, s.value.column))
    }

    #[test]
    fn locates_values_by_pointer() {
        assert_eq!(at(""), Some((1, 1)));
        assert_eq!(at("/a"), Some((2, 8)));
        assert_eq!(at("/a/0"), Some((2, 9)));
        assert_eq!(at("/a/1"), Some((2, 12)));
        assert_eq!(at("/a/1/b~0~1c"), Some((2, 21)));
        // Columns count characters, not bytes.
        assert_eq!(at("/é/x"), Some((3, 25))); // the last of two, as serde_json keeps it
        // A pointer that names nothing falls back to its longest prefix.
        assert_eq!(at("/a/1/zzz/0"), Some((2, 12)));
        assert_eq!(at("/nothing"), Some((1, 1)));
    }

    #[test]
    fn key_positions() {
        let s = locate(&LineIndex::new(DOC), &["/a"])[0];
        assert_eq!(s.and_then(|s| s.key), Some(Position { line: 2, column: 3 }));
    }

    #[test]
    fn finds_duplicate_keys() {
        let d = scan(&LineIndex::new(DOC), Some(&HashSet::new())).duplicates;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/é/x");
        assert_eq!(
            d[0].position,
            Position {
                line: 3,
                column: 20
            }
        );
    }

    #[test]
    fn never_panics_on_broken_text() {
        for t in [
            "",
            "{",
            "[",
            "{\"a\"",
            "{\"a\":",
            "\"\\",
            "[1,",
            "{\"a\" 1}",
            "}",
        ] {
            let _ = locate(&LineIndex::new(t), &["/a/0", ""]);
        }
        let deep = "[".repeat(10_000);
        let _ = locate(&LineIndex::new(&deep), &["/0/0"]);
    }

    #[test]
    fn serde_columns_become_character_columns() {
        let lines = LineIndex::new("{\"é\": x}");
        // serde_json counts bytes: the `x` is byte column 8, character column 7.
        assert_eq!(lines.serde_position(1, 8), Position { line: 1, column: 7 });
    }

    #[test]
    fn prefixes_longest_first() {
        let p: Vec<&str> = prefixes("/a/b/0").collect();
        assert_eq!(p, ["/a/b/0", "/a/b", "/a", ""]);
    }

    /// Every offset of a mixed text maps to the same line and column as a
    /// plain character count, and back, across block boundaries.
    #[test]
    fn line_index_matches_a_naive_count() {
        let text = "a\r\nééé€€€𝄞𝄞 x\n\n".repeat(9) + &"é".repeat(200) + "\nend";
        let index = LineIndex::new(&text);
        let (mut line, mut column) = (1, 1);
        for (offset, c) in text.char_indices() {
            assert_eq!(index.line_column(offset), (line, column), "offset {offset}");
            if c != '\r' && c != '\n' {
                assert_eq!(index.offset(line, column), Some(offset), "{line}:{column}");
            }
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        assert_eq!(index.line_column(text.len()), (line, column));
        assert_eq!(index.line_column(usize::MAX), (line, column));
        assert_eq!(index.offset(line, 999), Some(text.len()));
        assert_eq!(index.offset(0, 1), None);
        assert_eq!(index.offset(line + 1, 1), None);
        assert_eq!(index.line_range(1), Some(0..1)); // without "\r\n"
        assert_eq!(index.line_count(), line);
    }

    #[test]
    fn empty_text() {
        let index = LineIndex::new("");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.offset(1, 1), Some(0));
        assert_eq!(index.line_range(1), Some(0..0));
    }
}
