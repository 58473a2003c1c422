//! Load test of `pmatrix serve` on loopback: 200 participants join and submit at once (each
//! then revises once), while the facilitator re-ranks 20 times a second for 10 seconds.
//! Checks that every participant is in the `--save` file once, with their last revision; prints the facilitator's re-rank latency (p50, p99, max).
//!
//! `cargo bench --bench serve` (PMATRIX_SERVE_SECONDS and PMATRIX_SERVE_PARTICIPANTS change
//! the duration and the crowd). Bounded: a fixed number of requests, loopback only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MODEL: &str = "policies/kazakhstan-torture-prevention.toml";
const IDS: [&str; 5] = [
    "equity",
    "reputational_costs",
    "political_feasibility",
    "effectiveness",
    "uncertainty",
];

fn request(port: u16, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(t) = token {
        req.push_str(&format!("X-Pmatrix-Token: {t}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let seconds = env("PMATRIX_SERVE_SECONDS", 10);
    let crowd = env("PMATRIX_SERVE_PARTICIPANTS", 200) as usize;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("pmatrix-serve-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("room.csv");
    let _ = std::fs::remove_file(&file);
    let mut server = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .arg("serve")
        .arg(root.join(MODEL))
        .args(["--listen", "127.0.0.1:0", "--save"])
        .arg(&file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("pmatrix serve starts");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let port: u16 = first
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let join = loop {
        let l = lines.next().unwrap().unwrap();
        if let Some((_, link)) = l.split_once("/join/") {
            break link.to_string();
        }
    };

    let start = Instant::now();
    let facilitator = std::thread::spawn(move || {
        let mut lat = Vec::new();
        let total = seconds * 20;
        for k in 0..total {
            let due = start + Duration::from_millis(50 * k);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            let t = (k % 100) as f64 / 100.0;
            let body = format!(r#"{{"set_weight": {{"criterion": "equity", "weight": {t}}}}}"#);
            let t0 = Instant::now();
            let (status, _) = request(port, "POST", "/api/rank", None, &body);
            lat.push(t0.elapsed());
            assert_eq!(status, 200);
        }
        lat
    });
    let people: Vec<_> = (0..crowd)
        .map(|i| {
            let join = join.clone();
            std::thread::spawn(move || {
                let name = format!("participant {i:03}");
                let (status, body) = request(
                    port,
                    "POST",
                    "/api/join",
                    Some(&join),
                    &format!(r#"{{"name": "{name}"}}"#),
                );
                assert_eq!(status, 200, "{body}");
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                let key = v["key"].as_str().unwrap().to_string();
                let mut last = Vec::new();
                for revision in 0..2u64 {
                    let p: Vec<u64> = (0..5).map(|j| (i as u64 + j + revision) % 7 + 1).collect();
                    let points: Vec<String> = IDS
                        .iter()
                        .zip(&p)
                        .map(|(id, x)| format!(r#""{id}": {x}"#))
                        .collect();
                    let body =
                        format!(r#"{{"key": "{key}", "points": {{{}}}}}"#, points.join(", "));
                    let (status, b) = request(port, "POST", "/api/submit", Some(&join), &body);
                    assert_eq!(status, 200, "{b}");
                    last = p;
                }
                (name, last)
            })
        })
        .collect();
    let expected: Vec<(String, Vec<u64>)> = people.into_iter().map(|h| h.join().unwrap()).collect();
    let submitted = start.elapsed();
    let mut lat = facilitator.join().unwrap();
    let _ = Command::new("kill")
        .arg("-INT")
        .arg(server.id().to_string())
        .status();
    let _ = server.wait();

    // Every participant is in the file once, with their last submission.
    let text = std::fs::read_to_string(&file).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), crowd, "one row per participant");
    for (name, last) in &expected {
        let mine: Vec<&&str> = rows
            .iter()
            .filter(|r| r.starts_with(&format!("{name},")))
            .collect();
        assert_eq!(mine.len(), 1, "{name}");
        let want = format!(
            "{name},,{}",
            last.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(*mine[0], want);
    }
    lat.sort();
    let q = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
    println!(
        "serve: {crowd} participants x 2 submissions in {:.2} s, {} rows in the file (one each, the last revision)",
        submitted.as_secs_f64(),
        rows.len()
    );
    println!(
        "serve: facilitator re-rank ({} requests at 20/s over {seconds} s): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        q(0.5).as_secs_f64() * 1e3,
        q(0.99).as_secs_f64() * 1e3,
        lat.last().unwrap().as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        q(0.99) < Duration::from_millis(100),
        "p99 re-rank under 100 ms"
    );
}
