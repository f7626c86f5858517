//! Building clap's command tree is most of a start-up: 19 subcommands with about 300 arguments. A send
//! needs one of them, so [`Lazy`] gives a subcommand its arguments only when the tree is built for it
//! ([`only`]); the others stay names with their help line. Help, completions, man pages and usage errors
//! come from the whole tree, built as before (`cli::Cli::parse` falls back to it).

use std::cell::RefCell;

/// Which subcommands the tree being built gives their arguments.
enum Choice {
    /// All of them, the default.
    Every,
    /// This one alone.
    Only(String),
}

thread_local! {
    static CHOICE: RefCell<Choice> = const { RefCell::new(Choice::Every) };
}

/// Runs `build` with only the subcommand `name` given its arguments.
pub(crate) fn only<T>(name: &str, build: impl FnOnce() -> T) -> T {
    /// Resets the choice even if `build` panics.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CHOICE.set(Choice::Every);
        }
    }
    CHOICE.set(Choice::Only(name.to_owned()));
    let _reset = Reset;
    build()
}

/// Whether the tree being built gives the subcommand `name` its arguments.
pub(crate) fn expands(name: &str) -> bool {
    CHOICE.with_borrow(|choice| match choice {
        Choice::Every => true,
        Choice::Only(only) => only == name,
    })
}

/// A subcommand's arguments `A`, added to the tree only for the subcommand that [`expands`].
#[derive(Debug)]
pub(crate) struct Lazy<A>(pub(crate) A);

impl<A> std::ops::Deref for Lazy<A> {
    type Target = A;
    fn deref(&self) -> &A {
        &self.0
    }
}

impl<A> std::ops::DerefMut for Lazy<A> {
    fn deref_mut(&mut self) -> &mut A {
        &mut self.0
    }
}

impl<A: clap::Args> clap::Args for Lazy<A> {
    fn augment_args(command: clap::Command) -> clap::Command {
        if expands(command.get_name()) {
            A::augment_args(command)
        } else {
            command
        }
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        if expands(command.get_name()) {
            A::augment_args_for_update(command)
        } else {
            command
        }
    }

    fn group_id() -> Option<clap::Id> {
        A::group_id()
    }
}

impl<A: clap::FromArgMatches> clap::FromArgMatches for Lazy<A> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        A::from_arg_matches(matches).map(Lazy)
    }

    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        A::from_arg_matches_mut(matches).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(
        &mut self,
        matches: &mut clap::ArgMatches,
    ) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_chosen_subcommand_expands_and_the_choice_ends_with_the_build() {
        assert!(expands("ding"));
        only("ding", || {
            assert!(expands("ding"));
            assert!(!expands("email"));
        });
        assert!(expands("email"));
        let panicked = std::panic::catch_unwind(|| only("ding", || panic!("a bug")));
        assert!(panicked.is_err());
        assert!(expands("email"), "a panic while building resets the choice");
    }
}
