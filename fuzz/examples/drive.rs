//! Runs the fuzz targets without libFuzzer: inputs from the corpus, mutated by a seeded PCG
//! generator (bit flips, byte changes, insertions, deletions, splices of two inputs), for a
//! given number of executions. `drive TARGET EXECUTIONS SEED CORPUS_DIR...`.

use std::time::Instant;

struct Pcg(u64);

impl Pcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let x = self.0;
        let rot = (x >> 59) as u32;
        (((x >> 18) ^ x) >> 27).rotate_right(rot) ^ (x >> 32)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A printable ASCII byte or a newline.
fn printable(rng: &mut Pcg) -> u8 {
    match rng.below(96) {
        95 => b'\n',
        k => b' ' + k as u8,
    }
}

fn mutate(rng: &mut Pcg, input: &mut Vec<u8>, other: &[u8]) {
    // Mostly one change, so that a valid model often stays one and reaches the methods.
    let changes = [1, 1, 1, 2, 3][rng.below(5)];
    for _ in 0..changes {
        let len = input.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                // The low seven bits: ASCII stays ASCII, so most inputs stay UTF-8 text.
                input[i] ^= 1 << rng.below(7);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = printable(rng);
            }
            2 => {
                let i = rng.below(len + 1);
                let b = *b"0123456789.e-+[]\"=,\n#x"
                    .get(rng.below(22))
                    .unwrap_or(&b'9');
                input.insert(i, b);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let k = rng.below((len - i).min(16)) + 1;
                input.drain(i..i + k);
            }
            4 if !other.is_empty() => {
                let i = rng.below(len + 1);
                let a = rng.below(other.len());
                let b = a + rng.below((other.len() - a).min(64)) + 1;
                input.splice(i..i, other[a..b].iter().copied());
            }
            _ => {
                let i = rng.below(len + 1);
                let b = if rng.below(16) == 0 {
                    rng.next() as u8
                } else {
                    printable(rng)
                };
                input.insert(i, b);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `drive model FILE`: the model an extreme_numbers input stands for.
    if args.get(1).map(String::as_str) == Some("model") {
        let bytes = std::fs::read(&args[2]).expect("input file");
        print!("{}", pmatrix_fuzz::extreme_model(&bytes));
        return;
    }
    let target: fn(&[u8]) -> bool = match args.get(1).map(String::as_str) {
        Some("parse_model") => pmatrix_fuzz::parse_model,
        Some("extreme_numbers") => pmatrix_fuzz::extreme_numbers,
        _ => {
            eprintln!("usage: drive parse_model|extreme_numbers EXECUTIONS SEED CORPUS_DIR...");
            std::process::exit(2);
        }
    };
    let runs: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut rng = Pcg(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1));
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for dir in args.iter().skip(4) {
        for entry in std::fs::read_dir(dir).expect("corpus folder").flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                corpus.push(bytes);
            }
        }
    }
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let start = Instant::now();
    let mut input = Vec::new();
    let mut text = 0u64;
    let mut loaded = 0u64;
    for k in 0..runs {
        if k % 4 == 0 || input.len() > 1 << 16 {
            input = corpus[rng.below(corpus.len())].clone();
        }
        let other = &corpus[rng.below(corpus.len())];
        mutate(&mut rng, &mut input, other);
        text += u64::from(std::str::from_utf8(&input).is_ok());
        let input_now = input.clone();
        match std::panic::catch_unwind(|| target(&input_now)) {
            Ok(ok) => loaded += u64::from(ok),
            Err(_) => {
                let path = format!("{}-crash-{}", args[1], k + 1);
                std::fs::write(&path, &input).expect("crash input written");
                eprintln!("crash at execution {}: input saved to {path}", k + 1);
                std::process::exit(1);
            }
        }
        if (k + 1) % 10_000 == 0 {
            eprintln!(
                "{} executions, {:.0} s",
                k + 1,
                start.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "done: {runs} executions of {} ({text} of them UTF-8 text, {loaded} loaded as a model) in {:.1} s",
        args[1],
        start.elapsed().as_secs_f64()
    );
}
