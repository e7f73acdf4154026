using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("recommendations")]
