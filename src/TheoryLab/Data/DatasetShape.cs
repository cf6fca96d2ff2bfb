namespace TheoryLab.Data;

/// <summary>What a dataset's size is, known without loading it: inputs per example (flattened) and examples per split.</summary>
public sealed record DatasetShape(int Inputs, int Train, int Test);
