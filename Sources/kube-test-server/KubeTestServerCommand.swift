@main
struct KubeTestServerCommand {
    static func main() {}
}
