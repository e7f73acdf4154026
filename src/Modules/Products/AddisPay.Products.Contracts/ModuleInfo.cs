using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("products")]
