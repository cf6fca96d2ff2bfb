using System.Reflection;
using TheoryLab.Tests.Architecture;
using TorchSharp;

namespace TheoryLab.Tests.Conformance;

/// <summary>
/// TorchSharp's own methods that make a temporary <c>Scalar</c> and leave it to the finaliser: <c>add(Tensor)</c> is
/// <c>add(target, 1)</c>, <c>square()</c> is <c>pow(2)</c>, <c>ToDouble()</c> reads a Scalar it never disposes. Calling
/// one is the use-after-free that <see cref="ImplicitScalars"/> finds in our source, hidden in the callee, so the library
/// must avoid these as it avoids implicit conversions (TestOrder.cs). Read from TorchSharp's compiled code: a method that
/// converts a number to a Scalar and disposes none, then every TorchSharp method that calls one, to the fixed point.
/// A module counts by its forward pass, charged to whoever creates the module.
/// </summary>
public static class HiddenScalars
{
    /// <summary>One use in the library: its top-level type, and the TorchSharp method or module forward that makes the Scalar.</summary>
    public sealed record Use(string Caller, string Callee)
    {
        public override string ToString() => $"{Caller} calls {Callee}";
    }

    private static readonly Lazy<HashSet<MethodBase>> Makers = new(FindMakers);

    /// <summary>Whether calling <paramref name="method"/> makes a Scalar that only the finaliser frees.</summary>
    public static bool MakesOne(MethodBase method) => Makers.Value.Contains(method);

    /// <summary>Every distinct such call (or module created) in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<Use> In(Assembly assembly) =>
    [
        .. TypeReferences.MethodsCalled(assembly)
            .Select(c => (Caller: c.Owner.FullName!, Callee: Charged(c.Owner, c.Called)))
            .Where(c => c.Callee is not null)
            .Select(c => new Use(c.Caller, c.Callee!))
            .Distinct()
            .OrderBy(u => u.ToString(), StringComparer.Ordinal),
    ];

    private static string? Charged(Type caller, MethodBase called)
    {
        if (called.DeclaringType?.Assembly != typeof(torch).Assembly) return null;
        if (MakesOne(called)) return Describe(called);
        var created = called is ConstructorInfo ? called.DeclaringType : (called as MethodInfo)?.ReturnType;
        // A subclass calling its base constructor replaces the forward pass, it does not run the base's.
        if (created is not null && created.IsAssignableFrom(caller)) return null;
        var forward = created is not null && typeof(torch.nn.Module).IsAssignableFrom(created) ? ForwardOf(created) : null;
        return forward is not null && MakesOne(forward) ? $"{Name(forward.DeclaringType!)}.forward" : null;
    }

    private static MethodInfo? ForwardOf(Type module)
    {
        for (var type = module; type is not null; type = type.BaseType)
        {
            var forward = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .FirstOrDefault(m => m.Name == "forward" && !m.IsAbstract);
            if (forward is not null) return forward;
        }
        return null;
    }

    private static HashSet<MethodBase> FindMakers()
    {
        var callers = new Dictionary<MethodBase, List<MethodBase>>();
        var makers = new HashSet<MethodBase>();
        foreach (var type in typeof(torch).Assembly.GetTypes())
            foreach (var method in TypeReferences.MethodsOf(type))
            {
                var called = TypeReferences.MethodsCalledBy(method);
                if (called.Any(ConvertsToScalar) && !called.Any(DisposesScalar)) makers.Add(method);
                foreach (var c in called.Distinct())
                {
                    if (!callers.TryGetValue(c, out var list)) callers[c] = list = [];
                    list.Add(method);
                }
            }
        var pending = new Queue<MethodBase>(makers);
        while (pending.TryDequeue(out var maker))
            foreach (var caller in callers.GetValueOrDefault(maker) ?? [])
                if (makers.Add(caller)) pending.Enqueue(caller);
        return makers;
    }

    private static bool ConvertsToScalar(MethodBase m) =>
        m.DeclaringType == typeof(Scalar) && m.Name == "op_Implicit" || m.Name == "ToScalar" && m.DeclaringType?.Assembly == typeof(torch).Assembly;

    private static bool DisposesScalar(MethodBase m) => m.DeclaringType == typeof(Scalar) && m.Name == "Dispose";

    private static string Describe(MethodBase m) => $"{Name(m.DeclaringType!)}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType)))})";

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Namespace == "System" ? type.Name
        : (type.FullName ?? type.Name).Replace('+', '.').Replace("TorchSharp.", "", StringComparison.Ordinal);
}
