namespace AddisPay.Shared.Contracts;

/// <summary>
/// Marks an assembly as the public contracts of one module. Requests declared here are owned by
/// that module: when it is not running in this process, they are sent over HTTP to its pods.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ModuleContractsAttribute(string module) : Attribute
{
    public string Module { get; } = module;
}
