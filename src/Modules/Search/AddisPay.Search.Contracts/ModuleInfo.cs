using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("search")]
