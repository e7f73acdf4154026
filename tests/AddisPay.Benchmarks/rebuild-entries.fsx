// Prints the reindex's rebuild of entries, numbers and lexicon (EntrySql.Rebuild) from a built AddisPay.Search.dll, so
// index-catalogue.sql runs the statement the Host runs rather than a copy of it.
// Usage: dotnet fsi tests/AddisPay.Benchmarks/rebuild-entries.fsx artifacts/host/AddisPay.Search.dll
let dll = System.IO.Path.GetFullPath(fsi.CommandLineArgs.[1])
let entrySql = System.Reflection.Assembly.LoadFrom(dll).GetType("AddisPay.Search.Data.EntrySql", true)
let field = entrySql.GetField("Rebuild", System.Reflection.BindingFlags.Public ||| System.Reflection.BindingFlags.NonPublic ||| System.Reflection.BindingFlags.Static)
printfn "%s" (string (field.GetValue(null)))
