using System.Reflection;
using System.Reflection.Emit;

namespace TheoryLab.Tests.Architecture;

/// <summary>
/// Which types each type of an assembly refers to, read from its compiled form: base types, interfaces,
/// attributes, member signatures and every token in its method bodies. Compiler-generated nested types
/// (lambdas, iterators, records' helpers) count for the type they are nested in.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Every method each top-level type of <paramref name="assembly"/> calls or refers to in its method bodies.</summary>
    public static IEnumerable<(Type Owner, MethodBase Called)> MethodsCalled(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
            foreach (var m in MethodsOf(type))
                foreach (var c in MethodsCalledBy(m)) yield return (Outermost(type), c);
    }

    /// <summary>The methods and constructors a type declares itself.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Type type) => type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything));

    /// <summary>Every method <paramref name="method"/>'s body calls or refers to, in order, with repeats.</summary>
    public static IReadOnlyList<MethodBase> MethodsCalledBy(MethodBase method)
    {
        var called = new List<MethodBase>();
        ScanBody(method, [], member => { if (member is MethodBase b) called.Add(b); });
        return called;
    }

    /// <summary>For each top-level type, the set of types it mentions.</summary>
    public static IReadOnlyDictionary<Type, HashSet<Type>> Of(Assembly assembly)
    {
        var result = new Dictionary<Type, HashSet<Type>>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (!result.TryGetValue(owner, out var set)) result[owner] = set = [];
            Collect(type, set);
        }
        return result;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static void Collect(Type type, HashSet<Type> into)
    {
        Add(type.BaseType, into);
        foreach (var i in type.GetInterfaces()) Add(i, into);
        foreach (var a in type.GetCustomAttributesData()) Add(a.AttributeType, into);
        foreach (var f in type.GetFields(Everything)) Add(f.FieldType, into);
        foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType, into);
        foreach (var m in MethodsOf(type))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType, into);
            foreach (var p in m.GetParameters()) Add(p.ParameterType, into);
            foreach (var a in m.GetCustomAttributesData()) Add(a.AttributeType, into);
            ScanBody(m, into);
        }
    }

    private static void ScanBody(MethodBase method, HashSet<Type> into, Action<MemberInfo>? onMember = null)
    {
        var body = method.GetMethodBody();
        if (body is null) return;
        foreach (var local in body.LocalVariables) Add(local.LocalType, into);
        var il = body.GetILAsByteArray() ?? [];
        var module = method.Module;
        Type[]? typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, at);
                    try
                    {
                        switch (module.ResolveMember(token, typeArguments, methodArguments))
                        {
                            case Type t: Add(t, into); break;
                            case MemberInfo member:
                                Add(member.DeclaringType, into);
                                onMember?.Invoke(member);
                                break;
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or TypeLoadException or BadImageFormatException) { }
                    break;
            }
            at += OperandSize(op.OperandType, il, at);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static void Add(Type? type, HashSet<Type> into)
    {
        if (type is null) return;
        if (type.HasElementType) { Add(type.GetElementType(), into); return; }
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments()) Add(argument, into);
            type = type.GetGenericTypeDefinition();
        }
        if (type.IsGenericParameter) return;
        into.Add(Outermost(type));
    }
}
