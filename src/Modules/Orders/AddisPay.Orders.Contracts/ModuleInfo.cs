using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("orders")]
