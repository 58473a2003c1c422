//! A model's alternatives read from a Parquet file (`[data] parquet`), against the same model
//! with `[data] csv` and with `[[alternatives]]`; and the files and values it refuses.

mod common;

/// Without the `parquet` feature (`cargo test --no-default-features --test parquet`) a model
/// that names a Parquet file is refused at its `parquet` key.
#[cfg(not(feature = "parquet"))]
#[test]
fn without_the_feature_a_parquet_model_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.toml");
    std::fs::write(
        &model,
        "title = \"t\"\n[[criteria]]\nid = \"a\"\ndirection = \"benefit\"\n[data]\nparquet = \"m.parquet\"\n",
    )
    .unwrap();
    let m = model.to_str().unwrap();
    let out = common::pmatrix(&["check", m, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&v["error"]["line"], &v["error"]["column"]),
        (&6.into(), &1.into()),
        "{v}"
    );
    assert_eq!(
        v["error"]["message"],
        "this build of pmatrix has no Parquet support; rebuild with `--features parquet`"
    );
    let err = String::from_utf8(common::pmatrix(&["check", m]).stderr).unwrap();
    assert!(err.contains(&format!("{m}:6:1")), "{err}");
}

#[cfg(feature = "parquet")]
mod reading {
    use std::path::Path;
    use std::sync::Arc;

    use parquet::basic::{Compression, GzipLevel, ZstdLevel};
    use parquet::data_type::{
        ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type,
    };
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;
    use parquet::schema::types::SchemaDescriptor;

    use crate::common::{TRANSPORT_HEAD as HEAD, pmatrix, text};

    /// One column of a row group: its values, `None` for a null.
    #[derive(Clone)]
    enum Col {
        F64(Vec<Option<f64>>),
        F32(Vec<Option<f32>>),
        I64(Vec<Option<i64>>),
        I32(Vec<Option<i32>>),
        Str(Vec<Option<String>>),
    }

    fn strs(v: &[&str]) -> Col {
        Col::Str(v.iter().map(|s| Some(s.to_string())).collect())
    }

    fn f64s(v: &[f64]) -> Col {
        Col::F64(v.iter().map(|&x| Some(x)).collect())
    }

    fn i64s(v: &[i64]) -> Col {
        Col::I64(v.iter().map(|&x| Some(x)).collect())
    }

    /// Writes a Parquet file of `schema` (the message type, as Parquet prints it) with the row
    /// groups `groups` (each one column per leaf of the schema, in order).
    fn write_parquet(path: &Path, schema: &str, groups: &[Vec<Col>], compression: Compression) {
        let schema = Arc::new(parse_message_type(schema).unwrap());
        let descr = SchemaDescriptor::new(schema.clone());
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(compression)
                .build(),
        );
        let file = std::fs::File::create(path).unwrap();
        let mut writer = SerializedFileWriter::new(file, schema, props).unwrap();
        for group in groups {
            let mut rg = writer.next_row_group().unwrap();
            let mut leaf = 0;
            while let Some(mut col) = rg.next_column().unwrap() {
                let optional = descr.column(leaf).max_def_level() > 0;
                let data = &group[leaf];
                leaf += 1;
                macro_rules! put {
                    ($t:ty, $v:expr, $conv:expr) => {{
                        let defs: Vec<i16> = $v.iter().map(|x| i16::from(x.is_some())).collect();
                        let values: Vec<_> = $v.iter().flatten().map($conv).collect();
                        col.typed::<$t>()
                            .write_batch(&values, optional.then_some(&defs[..]), None)
                            .unwrap();
                    }};
                }
                match data {
                    Col::F64(v) => put!(DoubleType, v, |x: &f64| *x),
                    Col::F32(v) => put!(FloatType, v, |x: &f32| *x),
                    Col::I64(v) => put!(Int64Type, v, |x: &i64| *x),
                    Col::I32(v) => put!(Int32Type, v, |x: &i32| *x),
                    Col::Str(v) => put!(ByteArrayType, v, |s: &String| ByteArray::from(s.as_str())),
                }
                col.close().unwrap();
            }
            rg.close().unwrap();
        }
        writer.close().unwrap();
    }

    /// The alternatives: (id, name, cost, quality, emissions); emissions are numbers that are not
    /// short decimals (1/3, 0.1 + 0.2, 1e-7).
    const ROWS: [(&str, &str, i64, &str, f64); 5] = [
        ("bus-lanes", "Bus lanes", 120, "High", 1.0 / 3.0),
        ("charge", "Congestion charge", 14, "Moderate", 1e-7),
        ("tram", "Tram line", 187, "Low", 12345.678901234),
        ("nothing", "Do nothing", 0, "None", 42.0),
        ("cycle", "Cycle lanes", 35, "Moderate", 0.1 + 0.2),
    ];

    /// The columns in another order than the criteria's, nullable or not, and with a name.
    const SCHEMA: &str = "message m {
  required double emissions;
  required binary id (STRING);
  optional binary quality (STRING);
  required int64 cost;
  optional binary name (STRING);
}";

    /// The rows `range` of [`ROWS`] as one row group of [`SCHEMA`].
    fn group(range: std::ops::Range<usize>) -> Vec<Col> {
        let rows = &ROWS[range];
        vec![
            f64s(&rows.iter().map(|r| r.4).collect::<Vec<_>>()),
            strs(&rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            strs(&rows.iter().map(|r| r.3).collect::<Vec<_>>()),
            i64s(&rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            strs(&rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        ]
    }

    /// [`ROWS`] in two row groups (three rows, then two).
    fn matrix(path: &Path, compression: Compression) {
        write_parquet(path, SCHEMA, &[group(0..3), group(3..5)], compression);
    }

    fn toml_model() -> String {
        let mut s = HEAD.to_string();
        for (id, name, cost, quality, emissions) in ROWS {
            s.push_str(&format!(
            "\n[[alternatives]]\nid = {id:?}\nname = {name:?}\nscores = {{ cost = {cost}, quality = {quality:?}, emissions = {emissions:?} }}\n"
        ));
        }
        s
    }

    fn csv_text() -> String {
        let mut s = String::from("id,name,quality,emissions,cost\n");
        for (id, name, cost, quality, emissions) in ROWS {
            // `{:?}` writes the shortest text that reads back as the same f64.
            s.push_str(&format!("{id},{name},{quality},{emissions:?},{cost}\n"));
        }
        s
    }

    fn data_model(key: &str, file: &str) -> String {
        format!("{HEAD}\n[data]\n{key} = {file:?}\n")
    }

    fn path_str(p: &Path) -> &str {
        p.to_str().unwrap()
    }

    /// Writes `m.csv` (`csv`) and two models of the criteria `head` in `d`: one over `m.csv`
    /// and one over `m.parquet` (for the test to write); their paths, in that order.
    fn models(d: &Path, head: &str, csv: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        std::fs::write(d.join("m.csv"), csv).unwrap();
        let (a, b) = (d.join("csv.toml"), d.join("parquet.toml"));
        std::fs::write(&a, format!("{head}[data]\ncsv = \"m.csv\"\n")).unwrap();
        std::fs::write(&b, format!("{head}[data]\nparquet = \"m.parquet\"\n")).unwrap();
        (a, b)
    }

    /// Every method's JSON of the three models is the same bytes: every score is bit-equal.
    fn assert_same_ranking(a: &Path, b: &Path) {
        for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
            let run =
                |m: &Path| text(&["rank", path_str(m), "--method", method, "--format", "json"]);
            assert_eq!(
                run(a),
                run(b),
                "{method}: {} vs {}",
                a.display(),
                b.display()
            );
        }
    }

    /// The same model from TOML, from CSV and from Parquet (DOUBLE, INT64 and text columns, in
    /// another order than the criteria, in two row groups) ranks to the same bytes, and the
    /// weighted sum is the one worked out by hand.
    #[test]
    fn a_model_read_from_parquet_ranks_exactly_as_from_csv_and_toml() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("inline.toml"), toml_model()).unwrap();
        std::fs::write(d.join("m.csv"), csv_text()).unwrap();
        std::fs::write(d.join("csv.toml"), data_model("csv", "m.csv")).unwrap();
        std::fs::create_dir(d.join("data")).unwrap();
        matrix(&d.join("data/m.parquet"), Compression::SNAPPY);
        std::fs::write(
            d.join("parquet.toml"),
            data_model("parquet", "data/m.parquet"),
        )
        .unwrap();
        assert_same_ranking(&d.join("inline.toml"), &d.join("parquet.toml"));
        assert_same_ranking(&d.join("csv.toml"), &d.join("parquet.toml"));
        let v: serde_json::Value = serde_json::from_str(&text(&[
            "rank",
            path_str(&d.join("parquet.toml")),
            "--format",
            "json",
        ]))
        .unwrap();
        // WSM on min-max over the range [0, 200] (cost), the scale's values 0..3 (quality) and the
        // observed [1e-7, 12345.678901234] (emissions), weights 3 : 2 : 1.5 of 6.5.
        let (lo, hi) = (1e-7, 12345.678901234);
        let wsm = |cost: f64, quality: f64, emissions: f64| {
            (3.0 * (200.0 - cost) / 200.0
                + 2.0 * quality / 3.0
                + 1.5 * (hi - emissions) / (hi - lo))
                / 6.5
        };
        let want = [
            ("charge", wsm(14.0, 2.0, 1e-7)),
            ("cycle", wsm(35.0, 2.0, 0.1 + 0.2)),
            ("bus-lanes", wsm(120.0, 3.0, 1.0 / 3.0)),
            ("nothing", wsm(0.0, 0.0, 42.0)),
            ("tram", wsm(187.0, 1.0, hi)),
        ];
        let ranking = v["alternatives"].as_array().expect("a ranking");
        assert_eq!(ranking.len(), 5, "{v}");
        for (k, (row, (id, score))) in ranking.iter().zip(want).enumerate() {
            assert_eq!(row["id"], id, "{v}");
            assert_eq!(row["rank"], k + 1, "{v}");
            let got = row["score"].as_f64().unwrap();
            assert!((got - score).abs() < 1e-12, "{id}: {got} vs {score}");
        }
    }

    /// Every codec the common writers use reads to the same model: snappy (pandas, pyarrow), zstd
    /// (polars), gzip, lz4 and none.
    #[test]
    fn every_common_codec_reads_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("inline.toml"), toml_model()).unwrap();
        for (name, codec) in [
            ("zstd", Compression::ZSTD(ZstdLevel::try_new(3).unwrap())),
            ("gzip", Compression::GZIP(GzipLevel::default())),
            ("lz4", Compression::LZ4_RAW),
            ("lz4-hadoop", Compression::LZ4),
            ("none", Compression::UNCOMPRESSED),
        ] {
            let file = format!("{name}.parquet");
            matrix(&d.join(&file), codec);
            let model = d.join(format!("{name}.toml"));
            std::fs::write(&model, data_model("parquet", &file)).unwrap();
            let run = |m: &Path| text(&["rank", path_str(m), "--format", "json"]);
            assert_eq!(run(&d.join("inline.toml")), run(&model), "{name}");
        }
    }

    /// Without a `name` column the names are the ids; integer ids are written in decimal; FLOAT,
    /// INT32 and text numbers (an interval `low..high` too) are read as the CSV reads them; a null
    /// name is no name.
    #[test]
    fn other_column_types_read_as_csv_cells() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let head = "title = \"t\"\n[[criteria]]\nid = \"a\"\ndirection = \"benefit\"\n[[criteria]]\nid = \"b\"\ndirection = \"cost\"\n[[criteria]]\nid = \"c\"\ndirection = \"benefit\"\n";
        let (csv, parquet) = models(
            d,
            head,
            "id,name,a,b,c\n101,,0.5,7,2.25\n102,,1.75,3,10..14\n7,,0,4294967295,3\n",
        );
        write_parquet(
            &d.join("m.parquet"),
            "message m {
          required int64 id;
          required float a;
          required int32 b (INTEGER(32, false));
          optional binary c (STRING);
        }",
            &[vec![
                i64s(&[101, 102, 7]),
                Col::F32(vec![Some(0.5), Some(1.75), Some(0.0)]),
                Col::I32(vec![Some(7), Some(3), Some(-1)]),
                strs(&["2.25", "10..14", " 3 "]),
            ]],
            Compression::SNAPPY,
        );
        assert_same_ranking(&csv, &parquet);
        // The same with a name column that is null in one row.
        std::fs::write(
            d.join("named.csv"),
            "id,name,a,b,c\n101,First,0.5,7,2.25\n102,,1.75,3,10..14\n7,Last,0,4294967295,3\n",
        )
        .unwrap();
        std::fs::write(
            d.join("named-csv.toml"),
            format!("{head}[data]\ncsv = \"named.csv\"\n"),
        )
        .unwrap();
        write_parquet(
            &d.join("named.parquet"),
            "message m {
          required int64 id;
          optional binary name (STRING);
          required float a;
          required int32 b (INTEGER(32, false));
          optional binary c (STRING);
        }",
            &[vec![
                i64s(&[101, 102, 7]),
                Col::Str(vec![Some("First".into()), None, Some("Last".into())]),
                Col::F32(vec![Some(0.5), Some(1.75), Some(0.0)]),
                Col::I32(vec![Some(7), Some(3), Some(-1)]),
                strs(&["2.25", "10..14", " 3 "]),
            ]],
            Compression::SNAPPY,
        );
        std::fs::write(
            d.join("named.toml"),
            format!("{head}[data]\nparquet = \"named.parquet\"\n"),
        )
        .unwrap();
        assert_same_ranking(&d.join("named-csv.toml"), &d.join("named.toml"));
        let v: serde_json::Value = serde_json::from_str(&text(&[
            "check",
            path_str(&d.join("named.toml")),
            "--format",
            "json",
        ]))
        .unwrap();
        assert_eq!(v["valid"], true, "{v}");
    }

    /// An uncertain `low..high` in a text column, first met in the second row group, keeps the
    /// exact scores of the first: `smaa` samples the same intervals as from the CSV.
    #[test]
    fn an_interval_in_a_later_row_group_keeps_the_earlier_scores() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let head = "title = \"t\"\n[[criteria]]\nid = \"a\"\ndirection = \"benefit\"\n[[criteria]]\nid = \"b\"\ndirection = \"cost\"\n";
        let (csv, parquet) = models(
            d,
            head,
            "id,name,a,b\nx,,1,5\ny,,2,6\nz,,3,4..9\nw,,0.5,7\n",
        );
        write_parquet(
            &d.join("m.parquet"),
            "message m {
          required binary id (STRING);
          required double a;
          required binary b (STRING);
        }",
            &[
                vec![strs(&["x", "y"]), f64s(&[1.0, 2.0]), strs(&["5", "6"])],
                vec![strs(&["z", "w"]), f64s(&[3.0, 0.5]), strs(&["4..9", "7"])],
            ],
            Compression::SNAPPY,
        );
        assert_same_ranking(&csv, &parquet);
        let smaa = |m: &Path| {
            text(&[
                "smaa",
                path_str(m),
                "--samples",
                "2000",
                "--seed",
                "7",
                "--format",
                "json",
            ])
        };
        assert_eq!(smaa(&csv), smaa(&parquet));
    }

    /// DECIMAL columns held in INT32 and INT64 are read as their decimal text is (12345 at scale
    /// 2 is 123.45, correctly rounded).
    #[test]
    fn decimals_read_as_their_digits() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let head = "title = \"t\"\n[[criteria]]\nid = \"a\"\ndirection = \"benefit\"\n[[criteria]]\nid = \"b\"\ndirection = \"cost\"\n";
        let (csv, parquet) = models(d, head, "id,name,a,b\nx,,123.45,0.001\ny,,0.07,9.999\n");
        write_parquet(
            &d.join("m.parquet"),
            "message m {
          required binary id (STRING);
          required int32 a (DECIMAL(9, 2));
          required int64 b (DECIMAL(18, 3));
        }",
            &[vec![
                strs(&["x", "y"]),
                Col::I32(vec![Some(12345), Some(7)]),
                i64s(&[1, 9999]),
            ]],
            Compression::SNAPPY,
        );
        assert_same_ranking(&csv, &parquet);
    }

    /// A file written by pyarrow 26.0.1 with its default codec (snappy), committed as
    /// `tests/fixtures/parquet/pyarrow.parquet`: a string id and name, a float64 cost, an int64
    /// count, a dictionary-encoded string level column and a decimal128(10, 2) column (held in a
    /// FIXED_LEN_BYTE_ARRAY). Written by:
    ///
    /// ```python
    /// import decimal, pyarrow as pa, pyarrow.parquet as pq
    /// t = pa.table({
    ///     "id": ["bus-lanes", "charge", "tram", "nothing"],
    ///     "name": ["Bus lanes", "Congestion charge", "Tram line", None],
    ///     "cost": [120.5, 14.25, 187.0, 0.0],
    ///     "quality": pa.array(["High", "Moderate", "Low", "None"]).dictionary_encode(),
    ///     "emissions": pa.array([decimal.Decimal(x) for x in ["0.33", "12.50", "1234.56", "42.00"]],
    ///                           pa.decimal128(10, 2)),
    ///     "trips": pa.array([900, 1500, 2200, 0], pa.int64()),
    /// })
    /// pq.write_table(t, "pyarrow.parquet")
    /// ```
    #[test]
    fn a_file_written_by_pyarrow_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parquet/pyarrow.parquet");
        std::fs::copy(&fixture, d.join("pyarrow.parquet")).unwrap();
        let head =
            format!("{HEAD}\n[[criteria]]\nid = \"trips\"\ndirection = \"benefit\"\nweight = 1\n");
        std::fs::write(
            d.join("parquet.toml"),
            format!("{head}\n[data]\nparquet = \"pyarrow.parquet\"\n"),
        )
        .unwrap();
        std::fs::write(
        d.join("m.csv"),
        "id,name,cost,quality,emissions,trips\nbus-lanes,Bus lanes,120.5,High,0.33,900\ncharge,Congestion charge,14.25,Moderate,12.50,1500\ntram,Tram line,187.0,Low,1234.56,2200\nnothing,,0.0,None,42.00,0\n",
    )
    .unwrap();
        std::fs::write(
            d.join("csv.toml"),
            format!("{head}\n[data]\ncsv = \"m.csv\"\n"),
        )
        .unwrap();
        assert_same_ranking(&d.join("csv.toml"), &d.join("parquet.toml"));
    }

    /// `check --format json` of `model` exits 1 with an error at `line`:`column` of it whose
    /// message holds every one of `says`, and a help; the text error names the place and does
    /// not panic.
    fn assert_refused(model: &Path, line: usize, column: usize, says: &[&str]) {
        let m = path_str(model);
        let out = pmatrix(&["check", m, "--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{m}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["error"]["file"], m, "{v}");
        assert_eq!(v["error"]["line"], line, "{v}");
        assert_eq!(v["error"]["column"], column, "{v}");
        let message = v["error"]["message"].as_str().unwrap();
        for s in says {
            assert!(message.contains(s), "{s:?} not in {message:?}");
        }
        assert!(!v["error"]["help"].as_str().unwrap_or("").is_empty(), "{v}");
        let out = pmatrix(&["check", m]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("{m}:{line}:{column}")), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }

    /// The line of the `[data]` value in [`data_model`]'s text, and its column (after `parquet = `).
    fn data_line() -> usize {
        HEAD.lines().count() + 3
    }

    #[test]
    fn bad_values_and_columns_are_refused_with_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let model = d.join("m.toml");
        std::fs::write(&model, data_model("parquet", "m.parquet")).unwrap();
        let file = path_str(&d.join("m.parquet")).to_string();
        let line = data_line();
        let mut g = group(0..5);
        // A null score in row 4 of `quality`.
        let mut null = g.clone();
        null[2] = Col::Str(
            ROWS.iter()
                .enumerate()
                .map(|(i, r)| (i != 3).then(|| r.3.to_string()))
                .collect(),
        );
        let mut negative = g.clone();
        negative[3] = i64s(&[120, 14, -3, 0, 35]);
        let mut out_of_range = g.clone();
        out_of_range[3] = i64s(&[120, 14, 187, 0, 250]);
        let mut level = g.clone();
        level[2] = strs(&["High", "Moderate", "Hgih", "None", "Low"]);
        let mut duplicate = g.clone();
        duplicate[1] = strs(&["bus-lanes", "charge", "tram", "charge", "cycle"]);
        let mut bad_id = g.clone();
        bad_id[1] = strs(&["bus-lanes", "Charge", "tram", "nothing", "cycle"]);
        let mut nan = g.clone();
        nan[0] = f64s(&[1.0, f64::NAN, 2.0, 3.0, 4.0]);
        for (name, cols, says) in [
            (
                "null",
                null,
                vec![
                    file.as_str(),
                    "row 4 of `quality` is empty (null)",
                    "every alternative needs a score",
                ],
            ),
            (
                "negative",
                negative,
                vec!["row 3 of `cost`", "-3", "must not be negative"],
            ),
            (
                "out of range",
                out_of_range,
                vec!["row 5 of `cost`", "outside its range [0, 200]"],
            ),
            (
                "level",
                level,
                vec!["row 3 of `quality`", "unknown level \"Hgih\""],
            ),
            (
                "duplicate",
                duplicate,
                vec![
                    "row 4 of `id`",
                    "duplicate alternative id `charge`",
                    "first in row 2",
                ],
            ),
            (
                "bad id",
                bad_id,
                vec!["row 2 of `id`", "invalid id \"Charge\""],
            ),
            (
                "nan",
                nan,
                vec!["row 2 of `emissions`", "not a finite number"],
            ),
        ] {
            write_parquet(&d.join("m.parquet"), SCHEMA, &[cols], Compression::SNAPPY);
            println!("{name}");
            assert_refused(&model, line, 11, &says);
        }
        // The level's help names the closest level, as a CSV cell's does.
        g[2] = strs(&["High", "Moderate", "Hgih", "None", "Low"]);
        write_parquet(&d.join("m.parquet"), SCHEMA, &[g], Compression::SNAPPY);
        let out = pmatrix(&["check", path_str(&model), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            v["error"]["help"]
                .as_str()
                .unwrap()
                .contains("did you mean \"High\"?"),
            "{v}"
        );
        // Rows count across row groups: a null in the second group's first row is row 4.
        let mut second = group(3..5);
        second[0] = Col::F64(vec![None, Some(1.0)]);
        write_parquet(
            &d.join("m.parquet"),
            "message m {
          optional double emissions;
          required binary id (STRING);
          optional binary quality (STRING);
          required int64 cost;
          optional binary name (STRING);
        }",
            &[group(0..3), second],
            Compression::SNAPPY,
        );
        assert_refused(&model, line, 11, &["row 4 of `emissions` is empty (null)"]);
    }

    #[test]
    fn missing_unknown_and_mistyped_columns_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let model = d.join("m.toml");
        std::fs::write(&model, data_model("parquet", "m.parquet")).unwrap();
        let line = data_line();
        let g = group(0..5);
        // No `emissions` column.
        write_parquet(
            &d.join("m.parquet"),
            "message m { required binary id (STRING); optional binary quality (STRING); required int64 cost; }",
            &[vec![g[1].clone(), g[2].clone(), g[3].clone()]],
            Compression::SNAPPY,
        );
        assert_refused(
            &model,
            line,
            11,
            &["has no column for criterion `emissions`"],
        );
        let help = |m: &Path| {
            let out = pmatrix(&["check", path_str(m), "--format", "json"]);
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            v["error"]["help"].as_str().unwrap().to_string()
        };
        assert!(help(&model).contains("add a `emissions` column"));
        // A misspelt criterion column.
        write_parquet(
            &d.join("m.parquet"),
            "message m { required binary id (STRING); optional binary quality (STRING); required int64 cost; required double emisions; }",
            &[vec![g[1].clone(), g[2].clone(), g[3].clone(), g[0].clone()]],
            Compression::SNAPPY,
        );
        assert_refused(&model, line, 11, &["unknown criterion column `emisions`"]);
        assert!(
            help(&model).contains("did you mean `emissions`?"),
            "{}",
            help(&model)
        );
        // No `id`.
        write_parquet(
            &d.join("m.parquet"),
            "message m { required binary name (STRING); optional binary quality (STRING); required int64 cost; required double emissions; }",
            &[vec![g[4].clone(), g[2].clone(), g[3].clone(), g[0].clone()]],
            Compression::SNAPPY,
        );
        assert_refused(
            &model,
            line,
            11,
            &["has no `id` column", "name, quality, cost, emissions"],
        );
        // A boolean score column, and a date.
        for (ty, found) in [
            ("boolean", "a BOOLEAN column"),
            ("int32 emissions_date (DATE)", "a DATE column (INT32)"),
        ] {
            let (decl, col) = match ty {
                "boolean" => ("required boolean emissions;", None),
                _ => (
                    "required int32 emissions (DATE);",
                    Some(Col::I32(vec![Some(1); 5])),
                ),
            };
            let schema = format!(
                "message m {{ required binary id (STRING); optional binary quality (STRING); required int64 cost; {decl} }}"
            );
            if let Some(col) = col {
                write_parquet(
                    &d.join("m.parquet"),
                    &schema,
                    &[vec![g[1].clone(), g[2].clone(), g[3].clone(), col]],
                    Compression::SNAPPY,
                );
            } else {
                write_bool_file(&d.join("m.parquet"), &schema, &g);
            }
            assert_refused(
                &model,
                line,
                11,
                &[
                    "column `emissions`",
                    found,
                    "which pmatrix does not read as a score",
                ],
            );
        }
    }

    /// A file whose last column is BOOLEAN.
    fn write_bool_file(path: &Path, schema: &str, g: &[Col]) {
        use parquet::data_type::BoolType;
        let schema = Arc::new(parse_message_type(schema).unwrap());
        let file = std::fs::File::create(path).unwrap();
        let mut writer =
            SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().build()))
                .unwrap();
        let mut rg = writer.next_row_group().unwrap();
        let mut k = 0;
        while let Some(mut col) = rg.next_column().unwrap() {
            match k {
                0 | 1 => {
                    let Col::Str(v) = &g[k + 1] else { panic!() };
                    let values: Vec<ByteArray> = v
                        .iter()
                        .flatten()
                        .map(|s| ByteArray::from(s.as_str()))
                        .collect();
                    let defs = vec![1i16; values.len()];
                    col.typed::<ByteArrayType>()
                        .write_batch(&values, (k == 1).then_some(&defs[..]), None)
                        .unwrap();
                }
                2 => {
                    let Col::I64(v) = &g[3] else { panic!() };
                    let values: Vec<i64> = v.iter().flatten().copied().collect();
                    col.typed::<Int64Type>()
                        .write_batch(&values, None, None)
                        .unwrap();
                }
                _ => {
                    col.typed::<BoolType>()
                        .write_batch(&[true, false, true, false, true], None, None)
                        .unwrap();
                }
            }
            col.close().unwrap();
            k += 1;
        }
        rg.close().unwrap();
        writer.close().unwrap();
    }

    #[test]
    fn files_that_are_not_parquet_or_are_cut_short_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let model = d.join("m.toml");
        std::fs::write(&model, data_model("parquet", "m.parquet")).unwrap();
        let line = data_line();
        let file = path_str(&d.join("m.parquet")).to_string();
        // A CSV file renamed.
        std::fs::write(d.join("m.parquet"), csv_text()).unwrap();
        assert_refused(&model, line, 11, &[&file, "is not a Parquet file"]);
        // Empty, and too short to be one.
        for bytes in [&b""[..], b"PAR1"] {
            std::fs::write(d.join("m.parquet"), bytes).unwrap();
            assert_refused(&model, line, 11, &[&file, "is not a Parquet file", "12"]);
        }
        // Cut short at several places.
        matrix(&d.join("whole.parquet"), Compression::SNAPPY);
        let whole = std::fs::read(d.join("whole.parquet")).unwrap();
        for cut in [whole.len() - 1, whole.len() / 2, 100, 13] {
            std::fs::write(d.join("m.parquet"), &whole[..cut]).unwrap();
            assert_refused(&model, line, 11, &[&file, "damaged or cut short"]);
        }
        // The footer intact, a page damaged: every byte of the data pages in turn set to 0xff
        // gives an error or a valid model, never a panic.
        let end = whole.len() - 8;
        let footer = u32::from_le_bytes(whole[end..end + 4].try_into().unwrap()) as usize;
        for k in (4..end - footer).step_by(7) {
            let mut bytes = whole.clone();
            bytes[k] ^= 0xff;
            std::fs::write(d.join("m.parquet"), &bytes).unwrap();
            let out = pmatrix(&["check", path_str(&model)]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0 | 1)), "byte {k}: {err}");
            assert!(!err.contains("panicked"), "byte {k}: {err}");
        }
        // A directory, and a missing file.
        std::fs::remove_file(d.join("m.parquet")).unwrap();
        assert_refused(&model, line, 11, &["cannot read the Parquet file", &file]);
        std::fs::create_dir(d.join("m.parquet")).unwrap();
        assert_refused(&model, line, 11, &["it is a directory, not a regular file"]);
    }

    #[test]
    fn data_paths_outside_the_model_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("models")).unwrap();
        matrix(&d.join("m.parquet"), Compression::SNAPPY);
        let line = data_line();
        for (path, says) in [
            ("../m.parquet", "a path that climbs with `..`"),
            (path_str(&d.join("m.parquet")), "an absolute path"),
        ] {
            let model = d.join("models/m.toml");
            std::fs::write(&model, data_model("parquet", path)).unwrap();
            assert_refused(&model, line, 11, &[says, "outside the model's folder"]);
            // Allowed when asked.
            let out = pmatrix(&["--allow-data-outside", "check", path_str(&model)]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// The row count is checked against the limits from the footer, before any column is read
    /// (the file has only an `id` column): 20,001 rows of 1,000 criteria exceed the 20,000,000
    /// scores.
    #[test]
    fn too_many_rows_are_refused_from_the_footer() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let mut toml = String::from("title = \"wide\"\n");
        for j in 0..1000 {
            toml.push_str(&format!(
                "[[criteria]]\nid = \"c{j}\"\ndirection = \"benefit\"\n"
            ));
        }
        toml.push_str("[data]\nparquet = \"m.parquet\"\n");
        let line = toml.lines().count();
        std::fs::write(d.join("m.toml"), toml).unwrap();
        let ids: Vec<i64> = (0..20_001).collect();
        write_parquet(
            &d.join("m.parquet"),
            "message m { required int64 id; }",
            &[vec![i64s(&ids)]],
            Compression::SNAPPY,
        );
        assert_refused(
            &d.join("m.toml"),
            line,
            11,
            &[
                "has 20001 rows of 1000 criteria",
                "at most 20000000 scores, so 20000 alternatives of 1000 criteria",
            ],
        );
    }

    /// `sheet` belongs to workbooks, and `[data]` takes one source.
    #[test]
    fn sheet_and_two_sources_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        matrix(&d.join("m.parquet"), Compression::SNAPPY);
        let model = d.join("m.toml");
        std::fs::write(
            &model,
            format!("{HEAD}\n[data]\nparquet = \"m.parquet\"\nsheet = \"S\"\n"),
        )
        .unwrap();
        assert_refused(
            &model,
            data_line() + 1,
            9,
            &["`sheet` applies to a workbook", "not to `parquet`"],
        );
        std::fs::write(
            &model,
            format!("{HEAD}\n[data]\ncsv = \"m.csv\"\nparquet = \"m.parquet\"\n"),
        )
        .unwrap();
        assert_refused(
            &model,
            data_line() + 1,
            11,
            &[
                "exactly one of `csv`, `xlsx`, `ods`, `xls` or `parquet`; it gives `csv` and `parquet`",
            ],
        );
    }
}
