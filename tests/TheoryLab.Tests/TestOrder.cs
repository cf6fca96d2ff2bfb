// The tests run in parallel, a class at a time on each core. Two things would make that unsound, and both are kept to
// RunAloneCollection, which xunit runs after the others with nothing beside it:
// - TorchSharp 0.107 frees the temporary Scalars it makes (for `x * 2.0`, `a + b`, `t.ToDouble()`) in finalisers, and
//   nothing keeps one alive once libtorch has its handle: a collection started by another test's thread mid-call is a
//   use-after-free. The library and the parallel tests make none (ImplicitScalarTests, HiddenScalarTests); the classes
//   that still do are in RunAloneCollection.
// - Process-wide torch state: the classes that seed or read torch's one global generator, or switch oneDNN, are too.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
