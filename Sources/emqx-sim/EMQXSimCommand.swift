@main
struct EMQXSimCommand {
    static func main() {}
}
