#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pmatrix_fuzz::parse_model(data);
});
