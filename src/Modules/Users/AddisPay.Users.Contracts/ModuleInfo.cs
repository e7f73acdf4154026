using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("users")]
