//! A model's alternatives and scores read from a sheet of a workbook (`[data] xlsx`, `ods`,
//! `xls`), against the same model written in TOML; results written as `.xlsx` read back.

use std::path::Path;
use std::process::{Command, Output};

use rust_xlsxwriter::Workbook;

mod common;
use common::TRANSPORT_HEAD as HEAD;

fn pmatrix() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    pmatrix()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("pmatrix runs")
}

/// A score as a sheet holds it: a number (a numeric cell) or text.
#[derive(Clone, Copy)]
enum V {
    N(f64),
    T(&'static str),
}

/// The alternatives: numbers that are not short decimals (0.1 + 0.2, 1/3, 1e-7), a level
/// name, and uncertain values written `low..high` in a text cell.
fn rows() -> Vec<(&'static str, &'static str, [V; 3])> {
    vec![
        (
            "bus-lanes",
            "Bus lanes",
            [V::N(0.1 + 0.2), V::T("High"), V::N(1.0 / 3.0)],
        ),
        (
            "charge",
            "Congestion charge",
            [V::T("10..14"), V::T("Moderate"), V::N(1e-7)],
        ),
        (
            "tram",
            "Tram line",
            [V::N(187.25), V::T("Low..High"), V::N(12345.678901234)],
        ),
        (
            "nothing",
            "Do nothing",
            [V::N(0.0), V::T("None"), V::N(42.0)],
        ),
    ]
}

fn toml_value(v: V) -> String {
    match v {
        // `{:?}` writes the shortest text that reads back as the same f64.
        V::N(x) => format!("{x:?}"),
        V::T(t) => match t.split_once("..") {
            Some((lo, hi)) => match (lo.parse::<f64>(), hi.parse::<f64>()) {
                (Ok(lo), Ok(hi)) => format!("[{lo:?}, {hi:?}]"),
                // Level names, quoted.
                _ => format!("[{lo:?}, {hi:?}]"),
            },
            None => format!("{t:?}"),
        },
    }
}

fn toml_model() -> String {
    let mut s = HEAD.to_string();
    for (id, name, scores) in rows() {
        s.push_str(&format!(
            "\n[[alternatives]]\nid = {id:?}\nname = {name:?}\nscores = {{ cost = {}, quality = {}, emissions = {} }}\n",
            toml_value(scores[0]),
            toml_value(scores[1]),
            toml_value(scores[2])
        ));
    }
    s
}

/// The alternatives as a sheet named `sheet`, columns in another order than the criteria's
/// (emissions, cost, quality), with a first sheet of notes before it.
fn workbook(path: &Path, sheet: &str) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Scores are on the next sheet")
        .unwrap();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (c, h) in ["id", "name", "emissions", "cost", "quality"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, name, scores)) in rows().into_iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, id).unwrap();
        ws.write_string(r, 1, name).unwrap();
        for (c, v) in [(2u16, scores[2]), (3, scores[0]), (4, scores[1])] {
            match v {
                V::N(x) => ws.write_number(r, c, x).unwrap(),
                V::T(t) => ws.write_string(r, c, t).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

fn sheet_model(key: &str, file: &str, sheet: Option<&str>) -> String {
    let mut s = HEAD.to_string();
    s.push_str(&format!("\n[data]\n{key} = {file:?}\n"));
    if let Some(sheet) = sheet {
        s.push_str(&format!("sheet = {sheet:?}\n"));
    }
    s
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The same model from TOML and from a sheet: every method's JSON is the same bytes, so
/// every score (and every interval's midpoint) is bit-equal.
#[test]
fn a_model_read_from_a_sheet_ranks_exactly_as_in_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inline.toml"), toml_model()).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    workbook(&dir.path().join("data/matrix.xlsx"), "Scores");
    std::fs::write(
        dir.path().join("sheet.toml"),
        sheet_model("xlsx", "data/matrix.xlsx", Some("Scores")),
    )
    .unwrap();
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
        let args = |m: &'static str| ["rank", m, "--method", method, "--format", "json"];
        let a = stdout(&run_in(dir.path(), &args("inline.toml")));
        let b = stdout(&run_in(dir.path(), &args("sheet.toml")));
        assert_eq!(a, b, "{method}");
    }
    // `smaa` samples the intervals the sheet gives: the same seed gives the same bytes.
    let smaa = |m: &'static str| {
        stdout(&run_in(
            dir.path(),
            &[
                "smaa",
                m,
                "--samples",
                "2000",
                "--seed",
                "7",
                "--format",
                "json",
            ],
        ))
    };
    assert_eq!(smaa("inline.toml"), smaa("sheet.toml"));
}

/// The OpenDocument version of the same sheet (`tests/fixtures/sheet/matrix.ods`, written by
/// `make_ods.py` beside it) ranks as the TOML model does, to the byte.
#[test]
fn an_ods_sheet_ranks_exactly_as_in_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inline.toml"), toml_model()).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheet/matrix.ods");
    std::fs::copy(fixture, dir.path().join("matrix.ods")).unwrap();
    std::fs::write(
        dir.path().join("ods.toml"),
        sheet_model("ods", "matrix.ods", Some("Scores")),
    )
    .unwrap();
    for method in ["wsm", "topsis", "promethee"] {
        let args = |m: &'static str| ["rank", m, "--method", method, "--format", "json"];
        let a = stdout(&run_in(dir.path(), &args("inline.toml")));
        let b = stdout(&run_in(dir.path(), &args("ods.toml")));
        assert_eq!(a, b, "{method}");
    }
}

#[test]
fn the_first_sheet_is_the_default_and_a_missing_sheet_is_named() {
    let dir = tempfile::tempdir().unwrap();
    workbook(&dir.path().join("m.xlsx"), "Scores");
    // The first sheet is "Notes": its header is not `id`, `name`.
    std::fs::write(
        dir.path().join("a.toml"),
        sheet_model("xlsx", "m.xlsx", None),
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "a.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("m.xlsx, sheet Notes, cell A1"), "{err}");
    assert!(err.contains("`id`, `name`"), "{err}");
    std::fs::write(
        dir.path().join("b.toml"),
        sheet_model("xlsx", "m.xlsx", Some("Weights")),
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "b.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no sheet named `Weights`"), "{err}");
    assert!(err.contains("sheets: Notes, Scores"), "{err}");
}

/// A bad cell is reported at its file, sheet and cell, with what is wrong and what is right.
#[test]
fn a_bad_cell_points_at_its_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let write = |cells: &[(u32, u16, &str)], extra_number: Option<(u32, u16, f64)>| {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("Scores").unwrap();
        let header = ["id", "name", "cost", "quality", "emissions"];
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=3u32 {
            ws.write_string(r, 0, format!("alt-{r}")).unwrap();
            ws.write_string(r, 1, format!("Alternative {r}")).unwrap();
            ws.write_number(r, 2, 10.0 * f64::from(r)).unwrap();
            ws.write_string(r, 3, "Low").unwrap();
            ws.write_number(r, 4, 1.0).unwrap();
        }
        for &(r, c, t) in cells {
            ws.write_string(r, c, t).unwrap();
        }
        if let Some((r, c, x)) = extra_number {
            ws.write_number(r, c, x).unwrap();
        }
        book.save(dir.path().join("matrix.xlsx")).unwrap();
    };
    std::fs::write(
        dir.path().join("m.toml"),
        sheet_model("xlsx", "matrix.xlsx", Some("Scores")),
    )
    .unwrap();
    let check = || {
        let out = run_in(dir.path(), &["check", "m.toml"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    };
    // A misspelt level in D3 (row 3, column D).
    write(&[(2, 3, "Hgh")], None);
    let err = check();
    assert!(err.contains("matrix.xlsx, sheet Scores, cell D3"), "{err}");
    // As the README quotes it.
    assert!(
        err.starts_with(
            "error: ./matrix.xlsx, sheet Scores, cell D3: unknown level \"Hgh\" for criterion `quality`\n"
        ),
        "{err}"
    );
    assert!(err.contains("unknown level"), "{err}");
    assert!(err.contains("did you mean \"High\"?"), "{err}");
    // A negative number where a cost must lie in [0, 200].
    write(&[], Some((3, 2, -5.0)));
    let err = check();
    assert!(err.contains("cell C4"), "{err}");
    // A reversed interval, written as CSV writes it.
    write(&[(1, 4, "5..2")], None);
    let err = check();
    assert!(err.contains("cell E2"), "{err}");
    assert!(err.contains("write the low end first: 2..5"), "{err}");
    // Text where a number belongs.
    write(&[(1, 4, "many")], None);
    let err = check();
    assert!(err.contains("cell E2"), "{err}");
    // A duplicate id, naming where it was first.
    write(&[(3, 0, "alt-1")], None);
    let err = check();
    assert!(err.contains("cell A4"), "{err}");
    assert!(err.contains("cell A2"), "{err}");
    // An unknown column, and a missing one.
    write(&[(0, 4, "emision")], None);
    let err = check();
    assert!(err.contains("cell E1"), "{err}");
    assert!(err.contains("unknown criterion column `emision`"), "{err}");
    // A bad id.
    write(&[(2, 0, "Alt 2")], None);
    let err = check();
    assert!(err.contains("cell A3"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_sheet_source_is_confined_to_the_model_folder_and_its_key_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir(&models).unwrap();
    workbook(&dir.path().join("outside.xlsx"), "Scores");
    std::fs::write(
        models.join("m.toml"),
        sheet_model("xlsx", "../outside.xlsx", Some("Scores")),
    )
    .unwrap();
    let out = run_in(&models, &["check", "m.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("outside the model's folder"), "{err}");
    assert!(err.contains("m.toml:"), "{err}");
    // With the flag it reads.
    let out = run_in(&models, &["--allow-data-outside", "check", "m.toml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two sources, a key that does not fit the file, `sheet` with a CSV.
    for (data, says) in [
        (
            "csv = \"a.csv\"\nxlsx = \"a.xlsx\"\n",
            "exactly one of `csv`, `xlsx`, `ods`, `xls` or `parquet`; it gives `csv` and `xlsx`",
        ),
        ("ods = \"a.xlsx\"\n", "does not end in .ods"),
        (
            "csv = \"a.csv\"\nsheet = \"S\"\n",
            "`sheet` applies to a workbook",
        ),
        ("sheet = \"S\"\n", "it gives none"),
    ] {
        std::fs::write(models.join("k.toml"), format!("{HEAD}\n[data]\n{data}")).unwrap();
        let out = run_in(&models, &["check", "k.toml"]);
        assert_eq!(out.status.code(), Some(1), "{data}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{data}: {err}");
        assert!(err.contains("k.toml:"), "{data}: {err}");
    }
    // Not a workbook at all.
    std::fs::write(models.join("fake.xlsx"), "id,name\n").unwrap();
    std::fs::write(
        models.join("f.toml"),
        sheet_model("xlsx", "fake.xlsx", None),
    )
    .unwrap();
    let out = run_in(&models, &["check", "f.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read the workbook"), "{err}");
    // A missing file.
    std::fs::write(
        models.join("g.toml"),
        sheet_model("xlsx", "gone.xlsx", None),
    )
    .unwrap();
    let out = run_in(&models, &["check", "g.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read the workbook"), "{err}");
}

/// Every sheet of a workbook pmatrix wrote: its name and its rows (a number cell as `Ok`, a
/// text cell as `Err`).
type Sheets = Vec<(String, Vec<Vec<Result<f64, String>>>)>;

fn read_book(path: &Path) -> Sheets {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|d| match d {
                            Data::Float(f) => Ok(*f),
                            Data::Int(i) => Ok(*i as f64),
                            Data::String(s) => Err(s.clone()),
                            Data::Empty => Err(String::new()),
                            other => Err(format!("{other:?}")),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn text(c: &Result<f64, String>) -> &str {
    c.as_ref().err().map_or("", String::as_str)
}

/// `rank --format xlsx -o FILE.xlsx`: the ranking sheet holds the JSON's numbers exactly
/// (ranks, scores and TOPSIS's distances, as number cells), and the weights sheet the
/// normalised weights.
#[test]
fn a_rank_workbook_reads_back_with_the_numbers_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/fighter-aircraft-topsis.toml");
    let model = model.to_str().unwrap();
    let book = dir.path().join("rank.xlsx");
    let args = ["rank", model, "--method", "topsis"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&run_in(
        dir.path(),
        &[&args[..], &["--format", "json"]].concat(),
    )))
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            &args[..],
            &["--format", "xlsx", "-o", book.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let sheets = read_book(&book);
    let (name, rows) = &sheets[0];
    let header: Vec<&str> = rows[0].iter().map(text).collect();
    let col = |h: &str| {
        header
            .iter()
            .position(|x| x.eq_ignore_ascii_case(h))
            .unwrap_or_else(|| panic!("no column {h} in sheet {name}: {header:?}"))
    };
    let (id, rank, score) = (col("id"), col("rank"), col("score"));
    let alternatives = json["alternatives"].as_array().unwrap();
    assert_eq!(rows.len(), alternatives.len() + 1, "{name}");
    for (row, a) in rows[1..].iter().zip(alternatives) {
        assert_eq!(text(&row[id]), a["id"].as_str().unwrap());
        assert_eq!(row[rank], Ok(a["rank"].as_f64().unwrap()));
        // Bit-equal, not approximately.
        assert_eq!(row[score], Ok(a["score"].as_f64().unwrap()));
        let numbers: Vec<f64> = row
            .iter()
            .filter_map(|c| c.as_ref().ok().copied())
            .collect();
        for key in ["d_plus", "d_minus"] {
            let want = a["details"][key].as_f64().unwrap();
            assert!(numbers.contains(&want), "{key} {want} not in {numbers:?}");
        }
    }
    // Writing again refuses to replace the workbook; --force replaces it.
    let again = run_in(
        dir.path(),
        &[
            &args[..],
            &["--format", "xlsx", "-o", book.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("does not overwrite"));
    let forced = run_in(
        dir.path(),
        &[
            &args[..],
            &["--format", "xlsx", "-o", book.to_str().unwrap(), "--force"],
        ]
        .concat(),
    );
    assert!(forced.status.success());
    // A workbook needs a file.
    let no_file = run_in(dir.path(), &[&args[..], &["--format", "xlsx"]].concat());
    assert_eq!(no_file.status.code(), Some(2));
}

/// Every command that prints writes a workbook with -o, numbers as number cells, and its
/// text formats to the file too.
#[test]
fn every_printing_command_writes_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let model =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/kazakhstan-torture-prevention.toml");
    let model = model.to_str().unwrap();
    let profiles =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/reservoir-planning-vikor.toml");
    let profiles = profiles.to_str().unwrap();
    let commands: [&[&str]; 9] = [
        &["rank", model],
        &["rank", model, "--explain"],
        &["rank", model, "--method", "all"],
        &["stability", model],
        &["sweep", model, "--steps", "5"],
        &["smaa", model, "--samples", "500", "--seed", "3"],
        &["whatif", model],
        &["check", model],
        &["rank", profiles, "--profile", "all"],
    ];
    for (k, args) in commands.iter().enumerate() {
        let book = dir.path().join(format!("out{k}.xlsx"));
        let out = run_in(
            dir.path(),
            &[*args, &["--format", "xlsx", "-o", book.to_str().unwrap()]].concat(),
        );
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sheets = read_book(&book);
        assert!(sheets.iter().any(|(n, _)| n == "About"), "{args:?}");
        if args[0] != "check" {
            let numbers = sheets
                .iter()
                .flat_map(|(_, rows)| rows.iter().flatten())
                .filter(|c| c.is_ok())
                .count();
            assert!(numbers > 0, "{args:?}: no number cells");
        }
        // The same command to a text file: what it prints on standard output.
        let md = dir.path().join(format!("out{k}.md"));
        let to_file = run_in(
            dir.path(),
            &[*args, &["--format", "markdown", "-o", md.to_str().unwrap()]].concat(),
        );
        assert!(to_file.status.success(), "{args:?}");
        assert!(to_file.stdout.is_empty(), "{args:?}");
        let printed = run_in(dir.path(), &[*args, &["--format", "markdown"]].concat());
        assert_eq!(std::fs::read(&md).unwrap(), printed.stdout, "{args:?}");
    }
    // JSON to a file is the JSON printed.
    let json = dir.path().join("s.json");
    let args = ["stability", model, "--format", "json"];
    assert!(
        run_in(
            dir.path(),
            &[&args[..], &["-o", json.to_str().unwrap()]].concat()
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&json).unwrap(),
        run_in(dir.path(), &args).stdout
    );
    let sweep_json = dir.path().join("w.json");
    let args = ["sweep", model, "--steps", "3", "--format", "json"];
    assert!(
        run_in(
            dir.path(),
            &[&args[..], &["-o", sweep_json.to_str().unwrap()]].concat()
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&sweep_json).unwrap(),
        run_in(dir.path(), &args).stdout
    );
}
