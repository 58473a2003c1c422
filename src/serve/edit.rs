//! Changes to the model's TOML: scores and weights set from the facilitator's page, applied to
//! the file's own text (comments and layout kept), so that re-ranking validates the changed
//! model exactly as `pmatrix` loads a file, and saving writes that text.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, TableLike, Value};

use super::error::ApiError;

/// The `[[criteria]]` or `[[alternatives]]` entries of a document, whether written as tables
/// or as an inline array.
fn entries_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> Vec<&'a mut dyn TableLike> {
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(a)) => a.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut())
            .map(|t| t as &mut dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

fn id_of(t: &dyn TableLike) -> Option<&str> {
    t.get("id").and_then(Item::as_str)
}

/// Whether the document lists its alternatives itself (not in `[data] csv`).
pub fn has_inline_alternatives(doc: &DocumentMut) -> bool {
    doc.get("alternatives").is_some() && doc.get("data").is_none()
}

/// A score as the page sends it: a number, a level name, or `[lower, upper]`.
pub fn score_value(v: &serde_json::Value) -> Result<Value, String> {
    fn one(v: &serde_json::Value) -> Result<Value, String> {
        match v {
            serde_json::Value::String(s) => Ok(Value::from(s.as_str())),
            serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Ok(Value::from(i)),
                (None, Some(f)) if f.is_finite() => Ok(Value::from(f)),
                _ => Err(format!("{n} is not a finite number")),
            },
            other => Err(format!(
                "a score is a number, a level name or [lower, upper], not {other}"
            )),
        }
    }
    match v {
        serde_json::Value::Array(ends) if ends.len() == 2 => {
            let mut a = toml_edit::Array::new();
            a.push(one(&ends[0])?);
            a.push(one(&ends[1])?);
            Ok(Value::Array(a))
        }
        serde_json::Value::Array(ends) => Err(format!(
            "an uncertain score is [lower, upper], two values, not {}",
            ends.len()
        )),
        v => one(v),
    }
}

/// Sets `scores.CRITERION` of the alternative `alt`.
pub fn set_score(
    doc: &mut DocumentMut,
    alt: &str,
    criterion: &str,
    v: Value,
) -> Result<(), ApiError> {
    let mut entries = entries_mut(doc, "alternatives");
    let t = entries
        .iter_mut()
        .find(|t| id_of(&***t) == Some(alt))
        .ok_or_else(|| ApiError::bad(format!("the model has no alternative `{alt}`")))?;
    let scores = t
        .get_mut("scores")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| ApiError::bad(format!("alternative `{alt}` has no scores table")))?;
    scores.insert(criterion, Item::Value(v));
    Ok(())
}

/// Sets every criterion's `weight` (the model's criteria in order, `weights` beside them).
pub fn set_weights(doc: &mut DocumentMut, ids: &[String], weights: &[f64]) {
    for t in entries_mut(doc, "criteria") {
        let Some(j) = id_of(&*t).and_then(|id| ids.iter().position(|c| c == id)) else {
            continue;
        };
        t.insert("weight", Item::Value(Value::from(weights[j])));
    }
}

/// Sets the model's default `method`.
pub fn set_method(doc: &mut DocumentMut, method: crate::methods::Method) {
    doc.insert("method", Item::Value(Value::from(method.name())));
}

/// A file name in the model's folder that no file has: `NAME-2.toml`, `NAME-3.toml`, …
/// (a model already named `NAME-k.toml` counts on from `NAME`).
pub fn fresh_name(model: &Path) -> PathBuf {
    let dir = match model.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stem = model
        .file_stem()
        .map_or_else(|| "model".to_string(), |s| s.to_string_lossy().into_owned());
    let base = match stem.rsplit_once('-') {
        Some((b, k)) if !b.is_empty() && k.parse::<u32>().is_ok() => b.to_string(),
        _ => stem,
    };
    (2u32..)
        .map(|k| dir.join(format!("{base}-{k}.toml")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{base}-new.toml")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"title = "t"
# a comment that stays
[[criteria]]
id = "a"
weight = 1

[[criteria]]
id = "b"

[[alternatives]]
id = "x"
scores = { a = 1, b = "Low" }
"#;

    #[test]
    fn scores_and_weights_are_set_in_place_and_comments_stay() {
        let mut doc: DocumentMut = TEXT.parse().unwrap();
        set_score(
            &mut doc,
            "x",
            "b",
            score_value(&serde_json::json!("High")).unwrap(),
        )
        .unwrap();
        set_score(
            &mut doc,
            "x",
            "a",
            score_value(&serde_json::json!([1, 2.5])).unwrap(),
        )
        .unwrap();
        set_weights(&mut doc, &["a".into(), "b".into()], &[0.25, 0.75]);
        let text = doc.to_string();
        assert!(text.contains("# a comment that stays"), "{text}");
        assert!(text.contains(r#"b = "High""#), "{text}");
        assert!(text.contains("a = [1, 2.5]"), "{text}");
        assert!(text.contains("weight = 0.25"), "{text}");
        assert!(text.contains("weight = 0.75"), "{text}");
        assert!(set_score(&mut doc, "nope", "a", Value::from(1)).is_err());
        assert!(score_value(&serde_json::json!(true)).is_err());
        assert!(score_value(&serde_json::json!([1, 2, 3])).is_err());
    }

    #[test]
    fn fresh_names_never_name_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("plan.toml");
        std::fs::write(&model, "x").unwrap();
        assert_eq!(fresh_name(&model), dir.path().join("plan-2.toml"));
        std::fs::write(dir.path().join("plan-2.toml"), "x").unwrap();
        assert_eq!(fresh_name(&model), dir.path().join("plan-3.toml"));
        assert_eq!(
            fresh_name(&dir.path().join("plan-2.toml")),
            dir.path().join("plan-3.toml")
        );
    }
}
