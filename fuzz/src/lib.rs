//! The fuzz targets' bodies, shared by the libFuzzer targets (`fuzz_targets/`) and by the
//! plain driver (`src/bin/drive.rs`) that runs them without libFuzzer.
//!
//! - [`parse_model`]: any bytes as a model file. Loading either succeeds or gives a message;
//!   a model that loads is ranked by every method.
//! - [`extreme_numbers`]: a valid model whose numbers (scores, intervals, ranges, weights,
//!   thresholds) come from the input, so they reach 0, subnormals and f64::MAX. Every method,
//!   normalisation, the comparison, sweep, stability and SMAA run; no result may hold a NaN
//!   or an infinity.

use std::path::Path;

use pmatrix::methods::{Method, Options};
use pmatrix::normalize::Normalization;

/// Panics (a finding) when the debug text of a result holds a NaN or an infinity.
fn assert_finite(what: &str, debug: &str) {
    let bytes = debug.as_bytes();
    for (i, _) in debug.match_indices("inf").chain(debug.match_indices("NaN")) {
        let before = i.checked_sub(1).map(|k| bytes[k]);
        let after = bytes.get(i + 3).copied();
        let word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !word(before) && !word(after) {
            panic!("{what}: a non-finite number in {debug}");
        }
    }
}

/// Every method (and, with `analyses`, every normalisation where one applies, the
/// comparisons, and sweep, stability and SMAA under the method picked by `analyses`).
fn run_methods(model: &pmatrix::model::Model, analyses: Option<u8>) {
    let mut options = Vec::new();
    for method in Method::ALL {
        let normalizations: Vec<Option<Normalization>> = match method.default_normalization() {
            Some(_) if analyses.is_some() => Normalization::ALL.iter().copied().map(Some).collect(),
            _ => vec![None],
        };
        for normalization in normalizations {
            let opts = Options {
                method,
                normalization,
                vikor_v: 0.5,
            };
            if let Ok(r) = pmatrix::rank::rank(model, &model.weights, None, &opts) {
                assert_finite(method.name(), &format!("{r:?}"));
            }
            options.push(opts);
        }
    }
    let Some(pick) = analyses else {
        return;
    };
    if let Ok(c) = pmatrix::compare::methods(model, &model.weights, None, 0.5) {
        assert_finite("compare", &format!("{c:?}"));
    }
    if let Ok(c) = pmatrix::compare::profiles(model, &Options::new(Method::Wsm)) {
        assert_finite("profiles", &format!("{c:?}"));
    }
    // The analyses repeat the ranking hundreds of times: one method and normalisation each.
    let opts = &options[usize::from(pick) % options.len()];
    if let Ok(s) = pmatrix::sensitivity::sweep(model, &model.weights, opts, None, 5) {
        assert_finite("sweep", &format!("{s:?}"));
    }
    if let Ok(s) = pmatrix::sensitivity::stability(model, &model.weights, opts) {
        assert_finite("stability", &format!("{s:?}"));
    }
    let smaa = pmatrix::smaa::SmaaOptions {
        samples: 16,
        seed: 7,
        weight_order: Vec::new(),
        bounds: None,
        linear: Default::default(),
    };
    if let Ok(s) = pmatrix::smaa::smaa(model, opts, &smaa, &|_| {}) {
        assert_finite("smaa", &format!("{s:?}"));
    }
}

/// Any bytes as a model file; `true` when they loaded as a model.
pub fn parse_model(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    match pmatrix::model::parse(Path::new("fuzz.toml"), text) {
        Ok(model) => {
            run_methods(&model, None);
            true
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("error: "), "{message}");
            false
        }
    }
}

/// Reads the input as a stream of numbers.
struct Numbers<'a>(&'a [u8]);

impl Numbers<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    /// A number ≥ 0: raw bits (any magnitude), or an extreme or ordinary value.
    fn number(&mut self) -> f64 {
        let kind = self.byte();
        let mut bits = [0u8; 8];
        for b in &mut bits {
            *b = self.byte();
        }
        let raw = f64::from_le_bytes(bits).abs();
        let x = match kind % 8 {
            0 | 1 => raw,
            2 => f64::MAX / f64::from(1 + kind / 8),
            3 => f64::from(kind / 8) * 5e-324,
            4 => f64::from(kind / 8) * 1e200,
            5 => f64::from(kind / 8) * 1e-200,
            _ => f64::from(kind / 8),
        };
        if x.is_finite() { x } else { f64::MAX }
    }
}

/// The model text for the numbers in `data`.
pub fn extreme_model(data: &[u8]) -> String {
    let mut x = Numbers(data);
    let n = 2 + usize::from(x.byte() % 4);
    let mut alts = Vec::new();
    for i in 0..n {
        let a = x.number();
        let (b_lo, b_hi) = {
            let (p, q) = (x.number(), x.number());
            (p.min(q), p.max(q))
        };
        let c = ["Low", "Mid", "High"][usize::from(x.byte() % 3)];
        let d = x.number();
        alts.push((i, a, b_lo, b_hi, c, d));
    }
    let a_max = alts.iter().map(|r| r.1).fold(0.0, f64::max);
    let range_lo = if x.byte() % 2 == 0 { 0.0 } else { -x.number() };
    let range_hi = a_max.max(x.number().min(f64::MAX));
    let w: Vec<f64> = (0..4).map(|_| x.number()).collect();
    let (q, p) = {
        let (u, v) = (x.number(), x.number());
        (u.min(v), u.max(v))
    };
    let s = x.number();
    let vp = x.number();
    let values = {
        let v0 = x.number();
        let v1 = v0 + x.number();
        let v2 = v1 + x.number();
        if v0 < v1 && v1 < v2 && v2.is_finite() {
            format!("values = [{v0:?}, {v1:?}, {v2:?}]\n")
        } else {
            String::new()
        }
    };
    let range = if range_hi > range_lo {
        format!("range = [{range_lo:?}, {range_hi:?}]\n")
    } else {
        String::new()
    };
    let mut t = format!(
        "title = \"extreme\"\n\n[scales.level]\nlevels = [\"Low\", \"Mid\", \"High\"]\n{values}\n\
         [[criteria]]\nid = \"a\"\ndirection = \"benefit\"\nweight = {:?}\n{range}preference = \"linear\"\nq = {q:?}\np = {p:?}\n\n\
         [[criteria]]\nid = \"b\"\ndirection = \"cost\"\nweight = {:?}\npreference = \"gaussian\"\ns = {s:?}\n\n\
         [[criteria]]\nid = \"c\"\ndirection = \"benefit\"\nscale = \"level\"\nweight = {:?}\npreference = \"v-shape\"\np = {vp:?}\n\n\
         [[criteria]]\nid = \"d\"\ndirection = \"cost\"\nweight = {:?}\npreference = \"level\"\nq = {q:?}\np = {p:?}\n\n",
        w[0], w[1], w[2], w[3]
    );
    for (i, a, b_lo, b_hi, c, d) in alts {
        t.push_str(&format!(
            "[[alternatives]]\nid = \"x{i}\"\nscores = {{ a = {a:?}, b = [{b_lo:?}, {b_hi:?}], c = \"{c}\", d = {d:?} }}\n\n"
        ));
    }
    t.push_str(&format!(
        "[profiles.other]\nweights = {{ a = {:?}, b = {:?}, c = {:?}, d = {:?} }}\n",
        w[3], w[2], w[1], w[0]
    ));
    t
}

/// A valid model with the input's numbers, through every method and analysis; `true` when
/// the model loaded (it is refused only when every weight is zero).
pub fn extreme_numbers(data: &[u8]) -> bool {
    let text = extreme_model(data);
    match pmatrix::model::parse(Path::new("extreme.toml"), &text) {
        Ok(model) => {
            run_methods(&model, Some(data.last().copied().unwrap_or(0)));
            true
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("error: "), "{message}");
            false
        }
    }
}
