#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pmatrix_fuzz::extreme_numbers(data);
});
