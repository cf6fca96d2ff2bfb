using TheoryLab.Bench;

// dotnet run -c Release --project bench/TheoryLab.Bench -- <workload> [arguments]
// Each workload is one file here, listed once in Workloads.All.
return Workloads.Run(args);
