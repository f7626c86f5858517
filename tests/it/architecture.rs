//! The layering of `src/` (ARCHITECTURE.md): the top-level modules depend on each other without a cycle.
//! A dependency is any `crate::NAME` path in a module's files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every top-level module (`src/NAME.rs` or `src/NAME/`) and the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == "lib" || name == "main" {
            continue;
        }
        let text = texts.entry(name).or_default();
        for file in files(&path) {
            text.push_str(&std::fs::read_to_string(file).unwrap_or_default());
        }
    }
    let names: BTreeSet<String> = texts.keys().cloned().collect();
    texts
        .iter()
        .map(|(module, text)| {
            let uses = text
                .match_indices("crate::")
                .map(|(at, _)| {
                    text[at + 7..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .filter(|used| used != module && names.contains(used))
                .collect();
            (module.clone(), uses)
        })
        .collect()
}

fn files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_dir() {
        std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|e| files(&e.path()))
            .collect()
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

/// A cycle through `from`, as the path of modules, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        target: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let last = path.last().cloned().unwrap_or_default();
        for next in graph.get(&last).into_iter().flatten() {
            if next == target {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, target, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_owned()];
    walk(graph, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn top_level_modules_have_no_dependency_cycle() {
    let graph = graph();
    assert!(graph.len() > 10, "read src/: {graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle(&graph, m))
        .map(|path| path.join(" → "))
        .collect();
    assert!(
        cycles.is_empty(),
        "cycles between top-level modules: {cycles:#?}"
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let edges = |pairs: &[(&str, &str)]| {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            graph
                .entry((*a).to_owned())
                .or_default()
                .insert((*b).to_owned());
        }
        graph
    };
    let looped = edges(&[("a", "b"), ("b", "c"), ("c", "a")]);
    assert_eq!(
        cycle(&looped, "a"),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(cycle(&edges(&[("a", "b"), ("b", "c")]), "a"), None);
}

#[test]
fn nothing_below_the_commands_sees_clap_or_the_global_options() {
    let graph = graph();
    let top = ["cli", "commands", "serve", "channels", "testing"];
    for (module, uses) in &graph {
        if !top.contains(&module.as_str()) {
            assert!(
                !uses.contains("cli") && !uses.contains("commands"),
                "{module} reaches up to the command line: {uses:?}"
            );
        }
    }
}
