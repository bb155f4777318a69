//! Link options for the `polidex` binary.
//!
//! On Linux with glibc, the binary's 45,000 relative relocations (vtables, string tables)
//! are packed (`-z pack-relative-relocs`, DT_RELR): the dynamic loader applies them from a
//! table of bitmaps instead of one 24-byte record each, which took a fifth off the start of
//! every `polidex` process (`polidex --version`: 2.8-2.9 ms of CPU to 2.2 ms on a busy
//! machine). The binary stays position independent (ASLR). Needs GNU ld 2.38 or later (or
//! lld, mold); the packed binary names `GLIBC_ABI_DT_RELR`, so it runs on glibc 2.36 or
//! later only (an older loader refuses it with a "version not found" message rather than
//! running it wrongly). The build therefore packs only when the building system's glibc
//! (`getconf GNU_LIBC_VERSION`) is 2.36 or later, so `cargo build` on an older system
//! links and runs as before. Set `POLIDEX_NO_PACKED_RELOCS=1` to build without packing
//! (for a binary meant for older systems). Measured with binutils 2.40 and glibc 2.36
//! (Debian 12).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=POLIDEX_NO_PACKED_RELOCS");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    let target = std::env::var("TARGET").unwrap_or_default();
    let wanted = std::env::var_os("POLIDEX_NO_PACKED_RELOCS").is_none();
    if wanted && os == "linux" && env == "gnu" && host == target && glibc_at_least(2, 36) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the building system's glibc is at least `major.minor` (false when unknown).
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(version) = text.split_whitespace().nth(1) else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (have_major, have_minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (have_major, have_minor) >= (major, minor)
}
