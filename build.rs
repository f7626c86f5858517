//! How the `sendmsg` binary is linked (measured in bench/README.md).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // DT_RELR: the binary's ~16,000 relative relocations (a PIE's, so ASLR stays) packed into 4 KB instead
    // of 375 KB, a third of a megabyte less to map at every start. The linker then asks for glibc 2.36's
    // loader (GLIBC_ABI_DT_RELR), so only a build for this machine's own glibc that has it packs them.
    if native_glibc_at_least(2, 36) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    // No unwind tables in the release binary: its panics abort (Cargo.toml's `panic = "abort"`, after the
    // hook has printed the message), so nothing ever unwinds, and .eh_frame was 0.63 MB of a 5.2 MB file.
    // Only the linker can drop them (rustc's `-C force-unwind-tables=no` is not a profile setting), and
    // build scripts see the profile's name, not its panic strategy (CARGO_CFG_PANIC says "unwind" there).
    if var("PROFILE") == "release" {
        let script = std::path::Path::new(&var("OUT_DIR")).join("no-unwind-tables.ld");
        // INSERT keeps the linker's own layout (a -T script without it would replace it); GNU ld and lld.
        let text = "SECTIONS { /DISCARD/ : { *(.eh_frame) } } INSERT AFTER .text;\n";
        if std::fs::write(&script, text).is_ok() {
            println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", script.display());
        }
        order_startup_functions();
    }
}

/// The functions a send runs, first and side by side (bench/startup-functions.txt, written by
/// bench/order.sh from callgrind runs of the release binary): the page cache maps a binary's code in
/// 64 KB windows, and scattered over 3.3 MB they made most of a send's peak RSS and 33 page faults. A
/// name the build no longer has (after a dependency or toolchain change) is skipped, so a stale list
/// costs nothing but its effect. Only rust-lld, rustc's own linker here since 1.90, is asked: GNU ld
/// does not know the option.
fn order_startup_functions() {
    println!("cargo:rerun-if-changed=bench/startup-functions.txt");
    println!("cargo:rerun-if-env-changed=SENDMSG_LINK_MAP");
    let order =
        std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("bench/startup-functions.txt");
    if !links_with_rust_lld() || !order.is_file() {
        return;
    }
    println!(
        "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
        order.display()
    );
    println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    // BENCH_ORDER=1 bench/run.sh reads where each function landed from the linker's map.
    let map = var("SENDMSG_LINK_MAP");
    if !map.is_empty() {
        println!("cargo:rustc-link-arg-bins=-Wl,-Map={map}");
    }
}

/// Whether rustc links with its own lld: x86_64 Linux (glibc) from Rust 1.90 on, unless the build names
/// another linker in its flags.
fn links_with_rust_lld() -> bool {
    let native_x86_64_gnu =
        var("TARGET") == "x86_64-unknown-linux-gnu" && var("TARGET") == var("HOST");
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let other_linker = ["linker", "fuse-ld", "link-self-contained"]
        .iter()
        .any(|flag| flags.contains(flag))
        || std::env::var_os("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER").is_some();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let text = String::from_utf8_lossy(&out.stdout);
    let minor = text
        .split_whitespace()
        .nth(1)
        .and_then(|version| version.split('.').nth(1))
        .and_then(|minor| minor.parse::<u32>().ok());
    native_x86_64_gnu && !other_linker && minor.is_some_and(|minor| minor >= 90)
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Whether the target is this machine, on glibc of at least `major.minor` (`getconf GNU_LIBC_VERSION`).
fn native_glibc_at_least(major: u32, minor: u32) -> bool {
    if var("TARGET") != var("HOST") || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return false;
    }
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text
        .trim()
        .strip_prefix("glibc ")
        .unwrap_or_default()
        .split('.')
        .map(|part| part.parse::<u32>().ok());
    match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(have_major), Some(have_minor)) => (have_major, have_minor) >= (major, minor),
        _ => false,
    }
}
