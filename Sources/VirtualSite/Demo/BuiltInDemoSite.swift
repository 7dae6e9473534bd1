/// The site `chargectl demo` commissions when given none: four stations (one with two sockets), a Socomec Countis
/// E27 meter feeding ALB over Modbus TCP, one SCN. Embedded so the binary runs the demo alone; the YAML files
/// beside this one are the source, and `simulate` takes them as ordinary site and scenario files.
public enum BuiltInDemoSite {
    public static let siteFile = "virtual-demo.yaml"
    public static let scenarioFile = "virtual-demo.scenario.yaml"
    public static let siteYAML = String(decoding: PackageResources.virtual_demo_yaml, as: UTF8.self)
    public static let scenarioYAML = String(decoding: PackageResources.virtual_demo_scenario_yaml, as: UTF8.self)
}
