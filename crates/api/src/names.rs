//! Key-name rules: required, 3 to 64 characters, ASCII letters, digits, `_` and `-`,
//! starting with a letter or a digit. Each failure says what to change.

use std::fmt;

pub const NAME_MIN: usize = 3;
pub const NAME_MAX: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooShort(usize),
    TooLong(usize),
    BadStart(char),
    Space,
    BadChar(char),
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => write!(f, "Enter a key name."),
            NameError::TooShort(n) => write!(f, "Use at least {NAME_MIN} characters (this name has {n})."),
            NameError::TooLong(n) => write!(f, "Use at most {NAME_MAX} characters (this name has {n})."),
            NameError::BadStart(c) => write!(f, "Start the name with a letter or a digit, not “{c}”."),
            NameError::Space => write!(f, "Remove the spaces: use letters, digits, _ and - only."),
            NameError::BadChar(c) => write!(f, "Remove “{c}”: use letters, digits, _ and - only."),
        }
    }
}

impl std::error::Error for NameError {}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Checks a key name against the rules: the first of [`name_problems`].
/// Whitespace around the name is not trimmed: what the person typed is what is checked and sent.
pub fn validate_key_name(name: &str) -> Result<(), NameError> {
    match name_problems(name).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Every problem of a name, most basic first: spaces, then each character not allowed (once),
/// then a wrong first character, then the length. Empty for a valid name.
pub fn name_problems(name: &str) -> Vec<NameError> {
    if name.is_empty() {
        return vec![NameError::Empty];
    }
    let mut problems = Vec::new();
    if name.chars().any(char::is_whitespace) {
        problems.push(NameError::Space);
    }
    let mut bad: Vec<char> = Vec::new();
    for c in name.chars().filter(|c| !allowed(*c) && !c.is_whitespace()) {
        if !bad.contains(&c) {
            bad.push(c);
        }
    }
    problems.extend(bad.into_iter().map(NameError::BadChar));
    let first = name.chars().next().expect("not empty");
    if allowed(first) && !first.is_ascii_alphanumeric() {
        problems.push(NameError::BadStart(first));
    }
    let len = name.chars().count();
    if len < NAME_MIN {
        problems.push(NameError::TooShort(len));
    }
    if len > NAME_MAX {
        problems.push(NameError::TooLong(len));
    }
    problems
}

/// A suggested name like `my_key_1240` that none of `existing` uses.
/// `seed` picks the number (the console passes a random one); collisions step onwards.
pub fn suggest_name<'a>(existing: impl IntoIterator<Item = &'a str> + Clone, seed: u32) -> String {
    let start = 1000 + seed % 9000;
    (0..9000u32)
        .map(|i| format!("my_key_{}", 1000 + (start - 1000 + i) % 9000))
        .find(|candidate| !existing.clone().into_iter().any(|n| n == candidate))
        .unwrap_or_else(|| format!("my_key_{seed}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules_table() {
        let long64 = "a".repeat(64);
        let long65 = "a".repeat(65);
        let cases: &[(&str, Result<(), NameError>)] = &[
            ("backup-nightly", Ok(())),
            ("my_key_1240", Ok(())),
            ("abc", Ok(())),
            ("9lives", Ok(())),
            (&long64, Ok(())),
            ("", Err(NameError::Empty)),
            ("ab", Err(NameError::TooShort(2))),
            (&long65, Err(NameError::TooLong(65))),
            ("my key", Err(NameError::Space)),
            (" abc", Err(NameError::Space)),
            ("clé-à-moi", Err(NameError::BadChar('é'))),
            ("ключ", Err(NameError::BadChar('к'))),
            ("<script>", Err(NameError::BadChar('<'))),
            ("-leading", Err(NameError::BadStart('-'))),
            ("_leading", Err(NameError::BadStart('_'))),
            ("a.b", Err(NameError::BadChar('.'))),
        ];
        for (name, want) in cases {
            assert_eq!(&validate_key_name(name), want, "name {name:?}");
        }
    }

    #[test]
    fn messages_say_what_to_change() {
        assert_eq!(NameError::Empty.to_string(), "Enter a key name.");
        assert_eq!(validate_key_name("ab").unwrap_err().to_string(), "Use at least 3 characters (this name has 2).");
        assert_eq!(
            validate_key_name(&"x".repeat(65)).unwrap_err().to_string(),
            "Use at most 64 characters (this name has 65)."
        );
        assert_eq!(
            validate_key_name("-abc").unwrap_err().to_string(),
            "Start the name with a letter or a digit, not “-”."
        );
        assert_eq!(
            validate_key_name("<script>").unwrap_err().to_string(),
            "Remove “<”: use letters, digits, _ and - only."
        );
        assert_eq!(
            validate_key_name("my key").unwrap_err().to_string(),
            "Remove the spaces: use letters, digits, _ and - only."
        );
    }

    #[test]
    fn every_problem_is_listed_once_most_basic_first() {
        assert_eq!(
            name_problems("-a b!!<"),
            [NameError::Space, NameError::BadChar('!'), NameError::BadChar('<'), NameError::BadStart('-')]
        );
        assert_eq!(name_problems("_x"), [NameError::BadStart('_'), NameError::TooShort(2)]);
        assert_eq!(name_problems(""), [NameError::Empty]);
        assert!(name_problems("backup-nightly").is_empty());
        // The first problem is what the server answers.
        assert_eq!(validate_key_name("-a b!"), Err(NameError::Space));
    }

    #[test]
    fn unicode_length_counts_characters_not_bytes() {
        // Four two-byte characters are rejected for the characters, not mis-measured as 8 long.
        assert!(matches!(validate_key_name("éééé"), Err(NameError::BadChar('é'))));
    }

    #[test]
    fn suggestion_is_valid_and_unused() {
        let s = suggest_name(["my_key_1240"], 240);
        assert_ne!(s, "my_key_1240");
        assert_eq!(s, "my_key_1241");
        assert!(validate_key_name(&s).is_ok());
        assert_eq!(suggest_name([], 240), "my_key_1240");
        assert_eq!(suggest_name(["my_key_9999"], 8999), "my_key_1000");
    }
}
