@main
struct ChargeBench {
    static func main() {}
}
