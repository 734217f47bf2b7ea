//! Positions in the source text: a small JSON scanner that maps JSON
//! pointers to line and column, and finds keys that occur twice in one
//! object.
//!
//! The scanner runs only over text that `serde_json` has already parsed, but
//! it never panics on any input: it stops early on anything unexpected and
//! never recurses deeper than [`MAX_DEPTH`].

use std::collections::{HashMap, HashSet};

/// Deeper nesting than this is not scanned (serde_json stops at 128).
const MAX_DEPTH: usize = 256;

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

/// Turns byte offsets into positions.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The position of byte offset `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position { line, column }
    }

    /// Converts a serde_json position (1-based line, byte-based column)
    /// into one whose column counts characters.
    pub fn serde_position(&self, line: usize, column: usize) -> Position {
        if line == 0 {
            return Position { line: 1, column: 1 };
        }
        let Some(&start) = self.starts.get(line - 1) else {
            return Position { line, column };
        };
        let mut offset = start + column.saturating_sub(1);
        while offset < self.text.len() && !self.text.is_char_boundary(offset) {
            offset += 1;
        }
        self.position(offset)
    }
}

/// Escapes one reference token of a JSON pointer.
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Every prefix of a pointer, itself included, longest first.
pub(crate) fn prefixes(pointer: &str) -> impl Iterator<Item = &str> {
    let mut end = Some(pointer.len());
    std::iter::from_fn(move || {
        let e = end?;
        let p = &pointer[..e];
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

/// Scans `text`; records the spans of every pointer in `wanted` (all values
/// when `wanted` is `None`).
pub(crate) fn scan(text: &str, wanted: Option<&HashSet<String>>) -> Scan {
    let lines = Lines::new(text);
    let mut s = Scanner {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        pointer: String::new(),
        wanted,
        lines: &lines,
        out: Scan {
            spans: HashMap::new(),
            duplicates: Vec::new(),
        },
    };
    s.ws();
    s.value(None, 0);
    s.out
}

/// The spans of `pointers`; a pointer that names nothing is located at its
/// longest prefix that does.
pub(crate) fn locate(text: &str, pointers: &[&str]) -> Vec<Option<Span>> {
    let wanted: HashSet<String> = pointers
        .iter()
        .flat_map(|p| prefixes(p))
        .map(str::to_owned)
        .collect();
    let found = scan(text, Some(&wanted)).spans;
    pointers
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
        .collect()
}

struct Scanner<'a, 'w> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    pointer: String,
    wanted: Option<&'w HashSet<String>>,
    lines: &'a Lines<'a>,
    out: Scan,
}

impl Scanner<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
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
                    self.pos += 1;
                }
                true
            }
            None => false,
        }
    }

    /// Scans a string token; returns its byte range including the quotes.
    fn string(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some((start, self.pos));
                }
                _ => self.pos += 1,
            }
        }
    }

    fn object(&mut self, depth: usize) -> bool {
        self.pos += 1;
        let mut keys = HashSet::new();
        let base = self.pointer.len();
        loop {
            self.ws();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return true;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(b'"') => {}
                _ => return false,
            }
            let Some((ks, ke)) = self.string() else {
                return false;
            };
            let raw = self.text.get(ks..ke).unwrap_or("\"\"");
            let key = serde_json::from_str::<String>(raw)
                .unwrap_or_else(|_| raw.trim_matches('"').to_owned());
            self.pointer.push('/');
            self.pointer.push_str(&escape_token(&key));
            if !keys.insert(key.clone()) {
                self.out.duplicates.push(DuplicateKey {
                    pointer: self.pointer.clone(),
                    key,
                    position: self.lines.position(ks),
                });
            }
            self.ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.pos += 1;
            self.ws();
            let ok = self.value(Some(ks), depth + 1);
            self.pointer.truncate(base);
            if !ok {
                return false;
            }
        }
    }

    fn array(&mut self, depth: usize) -> bool {
        self.pos += 1;
        let base = self.pointer.len();
        let mut index = 0usize;
        loop {
            self.ws();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return true;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                None => return false,
                Some(_) => {}
            }
            self.pointer.push('/');
            self.pointer.push_str(&index.to_string());
            let ok = self.value(None, depth + 1);
            self.pointer.truncate(base);
            if !ok {
                return false;
            }
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": [1, {\"b~/c\": \"é\"}],\n  \"é\": {\"x\": null, \"x\": true}\n}\n";

    fn at(p: &str) -> Option<(usize, usize)> {
        locate(DOC, &[p])[0].map(|s| (s.value.line, s.value.column))
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
        let s = locate(DOC, &["/a"])[0];
        assert_eq!(s.and_then(|s| s.key), Some(Position { line: 2, column: 3 }));
    }

    #[test]
    fn finds_duplicate_keys() {
        let d = scan(DOC, Some(&HashSet::new())).duplicates;
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
            let _ = locate(t, &["/a/0", ""]);
        }
        let deep = "[".repeat(10_000);
        let _ = locate(&deep, &["/0/0"]);
    }

    #[test]
    fn serde_columns_become_character_columns() {
        let lines = Lines::new("{\"é\": x}");
        // serde_json counts bytes: the `x` is byte column 8, character column 7.
        assert_eq!(lines.serde_position(1, 8), Position { line: 1, column: 7 });
    }

    #[test]
    fn prefixes_longest_first() {
        let p: Vec<&str> = prefixes("/a/b/0").collect();
        assert_eq!(p, ["/a/b/0", "/a/b", "/a", ""]);
    }
}
