//! `pmatrix serve` driven over HTTP: the binary on a free loopback port, a small HTTP/1.1
//! client on `std::net::TcpStream`, and the same answers as the commands give.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const MODEL: &str = "policies/kazakhstan-torture-prevention.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A running server and what it printed.
struct Server {
    child: Child,
    addr: String,
    join: String,
    facilitator: Option<String>,
    lines: Vec<String>,
    out: BufReader<std::process::ChildStdout>,
}

impl Server {
    fn start(model: &Path, listen: &str, save: Option<&Path>) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
        cmd.arg("serve").arg(model).arg("--listen").arg(listen);
        if let Some(s) = save {
            cmd.arg("--save").arg(s);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("pmatrix serve starts");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "serve ended: {lines:?}"
            );
            let line = line.trim_end().to_string();
            let done = line.starts_with("Submissions are");
            lines.push(line);
            if done {
                break;
            }
        }
        let first = &lines[0];
        let addr = first
            .strip_prefix("http://")
            .and_then(|s| s.strip_suffix('/'))
            .unwrap_or_else(|| panic!("first line is the address: {first}"))
            .to_string();
        let after = |prefix: &str| {
            lines.iter().find_map(|l| {
                l.split_once(prefix)
                    .map(|(_, rest)| rest.rsplit('/').next().unwrap().to_string())
            })
        };
        Server {
            child,
            join: after("join/").expect("a join link"),
            facilitator: after("facilitator/"),
            addr,
            lines,
            out,
        }
    }

    fn port(&self) -> u16 {
        self.addr.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Sends SIGINT and returns what the server printed after it.
    fn stop(mut self) -> String {
        let status = Command::new("kill")
            .arg("-INT")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let mut rest = String::new();
        self.out.read_to_string(&mut rest).unwrap();
        let code = self.child.wait().unwrap();
        assert!(code.success(), "serve exits 0 on SIGINT: {code:?} {rest}");
        rest
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on its own connection: the status, headers and body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    if let Some(b) = body {
        // A server may answer (413) before reading all of a large body.
        let _ = s.write_all(b);
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[end + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(nl) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let n = usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + n]);
        b = &b[nl + 4 + n..];
    }
}

fn post(port: u16, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(t) = token {
        h.push(("X-Pmatrix-Token", t));
    }
    let (status, _, b) = http(port, "POST", path, &h, Some(body.to_string().as_bytes()));
    (status, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

fn get(port: u16, path: &str) -> (u16, Value) {
    let (status, _, b) = http(port, "GET", path, &[], None);
    (status, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

fn pmatrix(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn pmatrix_json(args: &[&str]) -> Value {
    serde_json::from_slice(&pmatrix(args)).unwrap()
}

/// A copy of the model in a fresh folder (saved models go beside it).
fn model_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.toml");
    std::fs::copy(root().join(MODEL), &p).unwrap();
    (dir, p)
}

fn weights_arg(w: &[(&str, f64)]) -> String {
    w.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

const IDS: [&str; 5] = [
    "equity",
    "reputational_costs",
    "political_feasibility",
    "effectiveness",
    "uncertainty",
];

#[test]
fn rerank_equals_rank_and_stability_at_the_same_weights() {
    let (_dir, model) = model_copy();
    let s = Server::start(&model, "127.0.0.1:0", None);
    assert!(s.lines[0].starts_with("http://127.0.0.1:") && s.lines[0].ends_with('/'));
    assert!(s.facilitator.is_none(), "no facilitator link on loopback");
    let m = model.to_str().unwrap();
    let sets: [[f64; 5]; 3] = [
        [20.0, 20.0, 20.0, 20.0, 20.0],
        [5.0, 10.0, 45.0, 25.0, 15.0],
        [0.1, 0.05, 0.6, 0.2, 0.05],
    ];
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
        for set in &sets {
            let w: Vec<(&str, f64)> = IDS.iter().copied().zip(set.iter().copied()).collect();
            let weights: serde_json::Map<String, Value> =
                w.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
            let (status, r) = post(
                s.port(),
                "/api/rank",
                None,
                &json!({"method": method, "weights": weights}),
            );
            assert_eq!(status, 200, "{r}");
            let wa = weights_arg(&w);
            let args = ["--method", method, "--weights", &wa, "--format", "json"];
            let cli = pmatrix_json(&[&["rank", m][..], &args].concat());
            assert_eq!(r["ranking"], cli, "{method} {set:?}");
            let stab = pmatrix_json(&[&["stability", m][..], &args].concat());
            assert_eq!(r["stability"], stab, "{method} {set:?}");
        }
    }
    // The default scene is the model's own ranking; the runner-up's what-if is the command's.
    let (_, r) = post(s.port(), "/api/rank", None, &json!({}));
    assert_eq!(r["ranking"], pmatrix_json(&["rank", m, "--format", "json"]));
    let runner = r["runner_up"]["id"].as_str().unwrap();
    assert_eq!(runner, r["ranking"]["alternatives"][1]["id"]);
    let w = pmatrix_json(&["whatif", m, "--for", runner, "--format", "json"]);
    assert_eq!(r["runner_up"]["whatif"], w);
    assert!(
        r["runner_up"]["sentence"]
            .as_str()
            .unwrap()
            .contains("first"),
        "{}",
        r["runner_up"]
    );
    assert!(!r["explanation"][0].as_str().unwrap().is_empty());
}

#[test]
fn a_slider_keeps_the_others_proportions_and_points_move_between_two() {
    let (_dir, model) = model_copy();
    let s = Server::start(&model, "127.0.0.1:0", None);
    let (_, r) = post(
        s.port(),
        "/api/rank",
        None,
        &json!({"set_weight": {"criterion": "equity", "weight": 0.6}}),
    );
    // Equal weights 0.2: equity 0.6, the other four share 0.4 equally.
    assert!((r["weights"]["equity"].as_f64().unwrap() - 0.6).abs() < 1e-12);
    for id in &IDS[1..] {
        assert!(
            (r["weights"][id].as_f64().unwrap() - 0.1).abs() < 1e-12,
            "{id}"
        );
    }
    let (_, r) = post(
        s.port(),
        "/api/rank",
        None,
        &json!({"move_points": {"from": "equity", "to": "uncertainty", "points": 15}}),
    );
    assert!((r["weights"]["equity"].as_f64().unwrap() - 0.05).abs() < 1e-12);
    assert!((r["weights"]["uncertainty"].as_f64().unwrap() - 0.35).abs() < 1e-12);
    assert!((r["weights"]["effectiveness"].as_f64().unwrap() - 0.2).abs() < 1e-12);
    // Moving more points than a criterion has moves what it has.
    let (_, r) = post(
        s.port(),
        "/api/rank",
        None,
        &json!({"move_points": {"from": "equity", "to": "uncertainty", "points": 50}}),
    );
    assert_eq!(r["weights"]["equity"].as_f64().unwrap(), 0.0);
    assert!((r["weights"]["uncertainty"].as_f64().unwrap() - 0.4).abs() < 1e-12);
}

#[test]
fn a_changed_score_reranks_as_the_changed_model_would() {
    let (dir, model) = model_copy();
    let s = Server::start(&model, "127.0.0.1:0", None);
    let scene =
        json!({"scores": {"status-quo": {"equity": "High", "effectiveness": ["Low", "High"]}}});
    let (status, r) = post(s.port(), "/api/rank", None, &scene);
    assert_eq!(status, 200, "{r}");
    let text = std::fs::read_to_string(&model).unwrap().replace(
        "scores = { equity = \"Low\", reputational_costs = \"High\", political_feasibility = \"High\", effectiveness = \"Low\", uncertainty = \"None\" }",
        "scores = { equity = \"High\", reputational_costs = \"High\", political_feasibility = \"High\", effectiveness = [\"Low\", \"High\"], uncertainty = \"None\" }",
    );
    let changed = dir.path().join("changed.toml");
    std::fs::write(&changed, &text).unwrap();
    let cli = pmatrix_json(&["rank", changed.to_str().unwrap(), "--format", "json"]);
    assert_ne!(
        text,
        std::fs::read_to_string(&model).unwrap(),
        "the fixture line was found"
    );
    assert_eq!(r["ranking"], cli);
    assert_eq!(
        r["scores"]["status-quo"]["effectiveness"],
        json!(["Low", "High"])
    );
    // A level the scale does not have: 422, with the loader's message.
    let (status, r) = post(
        s.port(),
        "/api/rank",
        None,
        &json!({"scores": {"status-quo": {"equity": "Hihg"}}}),
    );
    assert_eq!(status, 422);
    assert!(r["error"].as_str().unwrap().contains("High"), "{r}");
}

#[test]
fn saving_writes_a_new_model_and_never_overwrites() {
    let (dir, model) = model_copy();
    let before = std::fs::read(&model).unwrap();
    let s = Server::start(&model, "127.0.0.1:0", None);
    let scene = json!({"method": "topsis", "weights": {"equity": 1, "reputational_costs": 2, "political_feasibility": 3, "effectiveness": 4, "uncertainty": 5}});
    let (status, r) = post(s.port(), "/api/save", None, &json!({"scene": scene}));
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["name"], "plan-2.toml");
    assert_eq!(r["next"], "plan-3.toml");
    let saved = dir.path().join("plan-2.toml");
    let (_, ranked) = post(s.port(), "/api/rank", None, &scene);
    let cli = pmatrix_json(&["rank", saved.to_str().unwrap(), "--format", "json"]);
    assert_eq!(cli["method"], "topsis");
    for (a, b) in cli["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .zip(ranked["ranking"]["alternatives"].as_array().unwrap())
    {
        assert_eq!(a["id"], b["id"]);
        assert!((a["score"].as_f64().unwrap() - b["score"].as_f64().unwrap()).abs() < 1e-12);
    }
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("# "), "the model's comments are kept");
    let (_, r) = post(s.port(), "/api/save", None, &json!({"scene": scene}));
    assert_eq!(r["name"], "plan-3.toml");
    // An explicit name that exists, or that is a path: refused.
    let (status, r) = post(s.port(), "/api/save", None, &json!({"name": "plan.toml"}));
    assert_eq!(status, 409, "{r}");
    let (status, _) = post(s.port(), "/api/save", None, &json!({"name": "../x.toml"}));
    assert_eq!(status, 400);
    assert_eq!(
        std::fs::read(&model).unwrap(),
        before,
        "the model is untouched"
    );
}

#[test]
fn the_report_is_the_bytes_pmatrix_report_writes() {
    let (dir, model) = model_copy();
    let s = Server::start(&model, "127.0.0.1:0", None);
    let (status, r) = post(s.port(), "/api/report", None, &json!({}));
    assert_eq!(status, 200, "{r}");
    let url = r["url"].as_str().unwrap();
    let (status, head, page) = http(s.port(), "GET", url, &[], None);
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-security-policy")
    );
    let file = dir.path().join("r.html");
    pmatrix(&[
        "report",
        model.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(page, std::fs::read(&file).unwrap());
    // At other weights: the report of the model saved from the same scene.
    let scene = json!({"weights": {"equity": 10, "reputational_costs": 20, "political_feasibility": 30, "effectiveness": 25, "uncertainty": 15}});
    let (_, r) = post(s.port(), "/api/report", None, &scene);
    let (_, _, page) = http(s.port(), "GET", r["url"].as_str().unwrap(), &[], None);
    let (_, saved) = post(s.port(), "/api/save", None, &json!({"scene": scene}));
    let file = dir.path().join("r2.html");
    pmatrix(&[
        "report",
        saved["path"].as_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(page, std::fs::read(&file).unwrap());
}

fn join(port: u16, token: &str, name: &str) -> (u16, Value) {
    post(port, "/api/join", Some(token), &json!({"name": name}))
}

fn points(v: [f64; 5]) -> Value {
    let m: serde_json::Map<String, Value> = IDS
        .iter()
        .zip(v)
        .map(|(k, p)| (k.to_string(), json!(p)))
        .collect();
    Value::Object(m)
}

#[test]
fn submissions_round_trip_through_the_file_the_group_result_and_a_restart() {
    let (dir, model) = model_copy();
    let file = dir.path().join("room.csv");
    let s = Server::start(&model, "127.0.0.1:0", Some(&file));
    let t = s.join.clone();
    let (status, ann) = join(s.port(), &t, "Ann");
    assert_eq!(status, 200, "{ann}");
    let (status, bo) = join(s.port(), &t, "  Bo\u{1b}[2J ");
    assert_eq!(status, 200, "{bo}");
    assert_eq!(bo["name"], "Bo", "control sequences are cleaned");
    let (status, _) = join(s.port(), &t, "Ann");
    assert_eq!(status, 409, "one person per name");
    let (status, r) = post(
        s.port(),
        "/api/submit",
        Some(&t),
        &json!({"key": ann["key"], "points": points([40.0, 10.0, 10.0, 30.0, 10.0])}),
    );
    assert_eq!((status, r["revision"].as_u64()), (200, Some(1)), "{r}");
    let (status, r) = post(
        s.port(),
        "/api/submit",
        Some(&t),
        &json!({"key": bo["key"], "order": ["political_feasibility", "uncertainty", "equity", "effectiveness", "reputational_costs"]}),
    );
    assert_eq!(status, 200, "{r}");
    // The file holds the two rows, in the group participants format: `pmatrix group` reads it
    // and gives the server's group result.
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,group,equity,reputational_costs,political_feasibility,effectiveness,uncertainty")
    );
    assert_eq!(lines.next(), Some("Ann,,40,10,10,30,10"));
    assert!(lines.next().unwrap().starts_with("Bo,,"));
    let (status, g) = get(s.port(), "/api/group");
    assert_eq!(status, 200);
    assert_eq!(g["participants"], 2);
    let cli = pmatrix_json(&[
        "group",
        model.to_str().unwrap(),
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(g["weights"], cli["weights"]);
    assert_eq!(g["ranking"], cli["ranking"]);
    assert_eq!(g["alternatives"], cli["alternatives"]);
    // Bo's ROC weights for 5 criteria: (1 + 1/2 + 1/3 + 1/4 + 1/5)/5 = 0.4567 first.
    let bo_pf = g["result"]["individuals"][1]["weights"]["political_feasibility"]
        .as_f64()
        .unwrap();
    assert!((bo_pf - (1.0 + 0.5 + 1.0 / 3.0 + 0.25 + 0.2) / 5.0).abs() < 1e-12);
    // A revision replaces the participant's row: the last one counts.
    let (_, r) = post(
        s.port(),
        "/api/submit",
        Some(&t),
        &json!({"key": ann["key"], "points": points([0.0, 0.0, 100.0, 0.0, 0.0])}),
    );
    assert_eq!(r["revision"], 2);
    let (_, g) = get(s.port(), "/api/group");
    assert_eq!(g["participants"], 2);
    let ann_pf = g["result"]["individuals"][0]["weights"]["political_feasibility"]
        .as_f64()
        .unwrap();
    assert_eq!(ann_pf, 1.0);
    let rest = s.stop();
    assert!(
        rest.contains("Stopped. 2 participants' submissions are in"),
        "{rest}"
    );
    // One row per participant (the header and two), and `pmatrix group` reads the file as it
    // is, with Ann's revision.
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 3);
    let after = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .arg("group")
        .arg(&model)
        .arg(&file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let after: Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(after["weights"], g["weights"]);
    // A restart reads the file back: nothing lost, the last revision still counts.
    let s = Server::start(&model, "127.0.0.1:0", Some(&file));
    assert!(
        s.lines
            .iter()
            .any(|l| l.contains("(2 participants read from it)")),
        "{:?}",
        s.lines
    );
    let (_, g2) = get(s.port(), "/api/group");
    assert_eq!(g2["weights"], g["weights"]);
    assert_eq!(g2["result"]["individuals"], g["result"]["individuals"]);
    // A name read back can be taken up again, to revise it.
    let (status, ann2) = join(s.port(), &s.join, "Ann");
    assert_eq!(status, 200);
    assert_eq!(ann2["previous_points"], json!([0.0, 0.0, 100.0, 0.0, 0.0]));
}

#[test]
fn the_event_stream_sends_the_group_result() {
    let (_dir, model) = model_copy();
    let s = Server::start(&model, "127.0.0.1:0", None);
    let (_, a) = join(s.port(), &s.join, "Cy");
    post(
        s.port(),
        "/api/submit",
        Some(&s.join),
        &json!({"key": a["key"], "points": points([20.0; 5])}),
    );
    let mut c = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        c,
        "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        s.port()
    )
    .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("\n\n")
        || !String::from_utf8_lossy(&got).contains("data:")
    {
        let n = c.read(&mut buf).unwrap();
        assert!(n > 0);
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.contains("text/event-stream"), "{text}");
    assert!(text.contains("event: group"), "{text}");
    assert!(text.contains("\"participants\":1"), "{text}");
    // Ctrl-C ends the stream too: the server stops while it is open.
    let rest = s.stop();
    assert!(rest.contains("Stopped."), "{rest}");
}

#[test]
fn bad_tokens_large_bodies_and_malformed_json_are_refused_and_change_nothing() {
    let (dir, model) = model_copy();
    let file = dir.path().join("room.csv");
    let s = Server::start(&model, "127.0.0.1:0", Some(&file));
    let p = s.port();
    let before = std::fs::read(&file).unwrap();
    for token in [None, Some("0123456789abcdef0123456789abcdef"), Some("")] {
        let (status, r) = post(p, "/api/join", token, &json!({"name": "Eve"}));
        assert_eq!(status, 403, "{token:?}");
        assert!(r["error"].is_string());
    }
    let (status, _) = get(p, "/join/0123456789abcdef0123456789abcdef");
    assert_eq!(status, 403);
    let (status, _, page) = http(p, "GET", &format!("/join/{}", s.join), &[], None);
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("participant.js"));
    // The join token does not open the facilitator's controls from another host name.
    let host = [
        ("Host", "lan.example:8080"),
        ("Content-Type", "application/json"),
    ];
    let (status, _, _) = http(p, "POST", "/api/rank", &host, Some(b"{}"));
    assert_eq!(status, 403, "a DNS name is not the loopback facilitator");
    // 64 KiB at most: 413, nothing kept.
    let big = json!({"name": "x".repeat(70 * 1024)});
    let (status, r) = post(p, "/api/join", Some(&s.join), &big);
    assert_eq!(status, 413, "{r}");
    let (status, r) = post(
        p,
        "/api/rank",
        None,
        &json!({"weights": {"x".repeat(70_000): 1}}),
    );
    assert_eq!(status, 413, "{r}");
    // Malformed JSON, unknown keys, wrong types: 400 with a JSON error.
    let h = [
        ("Content-Type", "application/json"),
        ("X-Pmatrix-Token", s.join.as_str()),
    ];
    for body in [
        &b"{"[..],
        b"[]",
        b"{\"name\": 3}",
        b"{\"name\": \"A\", \"x\": 1}",
        b"\xff",
    ] {
        let (status, _, b) = http(p, "POST", "/api/join", &h, Some(body));
        assert_eq!(status, 400, "{}", String::from_utf8_lossy(body));
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert!(v["error"].is_string());
    }
    let (status, _, _) = http(
        p,
        "POST",
        "/api/rank",
        &[("Content-Type", "text/plain")],
        Some(b"{}"),
    );
    assert_eq!(status, 415, "a form post from another site is refused");
    for bad in [
        json!({"weights": {"equity": 1}}),
        json!({"weights": {"nope": 1}}),
        json!({"method": "magic"}),
        json!({"set_weight": {"criterion": "equity", "weight": 2}}),
        json!({"weights": {"equity": -1, "reputational_costs": 1, "political_feasibility": 1, "effectiveness": 1, "uncertainty": 1}}),
    ] {
        let (status, r) = post(p, "/api/rank", None, &bad);
        assert_eq!(status, 400, "{bad}: {r}");
    }
    // A submission without a valid key, or with bad points.
    let (_, k) = join(p, &s.join, "Dee");
    for bad in [
        json!({"key": "nope", "points": points([20.0; 5])}),
        json!({"key": k["key"], "points": points([0.0; 5])}),
        json!({"key": k["key"], "points": {"equity": 1}}),
        json!({"key": k["key"], "order": ["equity", "equity", "uncertainty", "effectiveness", "political_feasibility"]}),
        json!({"key": k["key"]}),
    ] {
        let (status, _) = post(p, "/api/submit", Some(&s.join), &bad);
        assert!(status == 400 || status == 403, "{bad}: {status}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was written");
    let (_, g) = get(p, "/api/group");
    assert_eq!(g["participants"], 0);
    let (status, r) = get(p, "/nowhere");
    assert_eq!(status, 404);
    assert!(r["error"].is_string());
}

#[test]
fn hostile_names_are_cleaned_bounded_and_escaped() {
    let (dir, model) = model_copy();
    let file = dir.path().join("room.csv");
    let s = Server::start(&model, "127.0.0.1:0", Some(&file));
    let p = s.port();
    let (status, _) = join(p, &s.join, &"é".repeat(81));
    assert_eq!(status, 400, "more than 80 characters");
    let (status, _) = join(p, &s.join, "\u{1b}[2J\u{7}");
    assert_eq!(status, 400, "nothing left after cleaning");
    let hostile = "<img src=x onerror=alert(1)>\"Zoë\", \u{1b}]0;pwned\u{7}";
    let (status, a) = join(p, &s.join, hostile);
    assert_eq!(status, 200);
    let clean = "<img src=x onerror=alert(1)>\"Zoë\",";
    assert_eq!(a["name"], clean);
    let (_, f) = join(p, &s.join, "=HYPERLINK(\"http://x\")");
    for k in [&a["key"], &f["key"]] {
        let (status, _) = post(
            p,
            "/api/submit",
            Some(&s.join),
            &json!({"key": k, "points": points([20.0; 5])}),
        );
        assert_eq!(status, 200);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"<img src=x onerror=alert(1)>\"\"Zoë\"\",\",,20"),
        "{text}"
    );
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",,20"),
        "{text}"
    );
    // `pmatrix group` reads the file; the server's group result names them as given.
    let (_, g) = get(p, "/api/group");
    assert_eq!(g["result"]["individuals"][0]["id"], clean);
    assert_eq!(
        g["result"]["individuals"][1]["id"],
        "=HYPERLINK(\"http://x\")"
    );
    pmatrix(&["group", model.to_str().unwrap(), file.to_str().unwrap()]);
    // The pages never put a text in as HTML: the scripts use textContent only.
    for asset in ["common.js", "facilitator.js", "participant.js"] {
        let (_, _, js) = http(p, "GET", &format!("/assets/{asset}"), &[], None);
        let js = String::from_utf8(js).unwrap();
        assert!(js.contains("textContent"), "{asset}");
        assert!(
            !js.contains("innerHTML")
                && !js.contains("insertAdjacentHTML")
                && !js.contains("document.write"),
            "{asset}"
        );
    }
    let rest = s.stop();
    assert!(!rest.contains("onerror"), "names are not printed: {rest}");
}

#[test]
fn the_facilitator_token_admits_the_controls_from_elsewhere() {
    let (_dir, model) = model_copy();
    // Every address of this machine; the test talks to it on loopback only.
    let s = Server::start(&model, "0.0.0.0:0", None);
    let ft = s
        .facilitator
        .clone()
        .expect("a facilitator link off loopback");
    assert_eq!(ft.len(), 32);
    assert_ne!(ft, s.join);
    let elsewhere = [
        ("Host", "192.0.2.7:8080"),
        ("Content-Type", "application/json"),
    ];
    let (status, _, _) = http(s.port(), "POST", "/api/rank", &elsewhere, Some(b"{}"));
    assert_eq!(status, 403);
    let with = [
        ("Host", "192.0.2.7:8080"),
        ("Content-Type", "application/json"),
        ("X-Pmatrix-Token", ft.as_str()),
    ];
    let (status, _, _) = http(s.port(), "POST", "/api/rank", &with, Some(b"{}"));
    assert_eq!(status, 200);
    let (status, _, _) = http(
        s.port(),
        "GET",
        &format!("/facilitator/{ft}"),
        &elsewhere,
        None,
    );
    assert_eq!(status, 200);
    // The join token is not the facilitator's.
    let join = [
        ("Host", "192.0.2.7:8080"),
        ("Content-Type", "application/json"),
        ("X-Pmatrix-Token", s.join.as_str()),
    ];
    let (status, _, _) = http(s.port(), "POST", "/api/rank", &join, Some(b"{}"));
    assert_eq!(status, 403);
    let (status, _, _) = http(
        s.port(),
        "GET",
        &format!("/api/events?token={}", s.join),
        &elsewhere,
        None,
    );
    assert_eq!(status, 403);
}

#[test]
fn a_participants_file_of_another_model_is_refused_at_start() {
    let (dir, model) = model_copy();
    let file = dir.path().join("room.csv");
    std::fs::write(&file, "id,group,a,b\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args([
            "serve",
            model.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--save",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("room.csv") && err.contains("id,group,equity"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "id,group,a,b\n");
}
