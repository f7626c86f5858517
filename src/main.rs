fn main() -> std::process::ExitCode {
    sendmsg::main()
}
