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
    }
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
