using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("payments")]
