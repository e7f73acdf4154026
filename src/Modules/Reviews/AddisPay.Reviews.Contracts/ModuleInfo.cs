using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("reviews")]
