using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>
/// The TorchSharp calls whose convenience overloads make a <c>Scalar</c> inside themselves (<c>a + b</c> makes the
/// alpha 1, <c>square()</c> the exponent 2, <c>ToDouble()</c> the value it reads), made through the overloads that
/// take the Scalar instead, with one held here for the life of the process. TorchSharp 0.107 frees a temporary Scalar
/// in its finaliser and nothing keeps it alive once its handle is in libtorch, so a collection started by another
/// thread mid-call frees it under libtorch's feet; a held one is never finalised. Each Scalar is made from the same
/// number of the same type as TorchSharp's own overload makes it, so every result is bit for bit the one before.
/// </summary>
public static class HeldScalars
{
    /// <summary>The int 0, as <c>arange(stop)</c> makes its start.</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>The int 1, as <c>add</c> and <c>add_</c> make their alpha and <c>arange(stop)</c> its step.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The int 2, as <c>square()</c> makes its exponent.</summary>
    public static readonly Scalar Two = 2.ToScalar();

    /// <summary><c>a + b</c> without the alpha Scalar that the operator makes and leaves to the finaliser race.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><c>a + s</c> without the alpha Scalar that the operator makes and leaves to the finaliser race.</summary>
    public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, One);

    /// <summary><c>a.add_(b)</c> without the alpha Scalar that it makes and leaves to the finaliser race.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary><c>a.add_(s)</c> without the alpha Scalar that it makes and leaves to the finaliser race.</summary>
    public static Tensor PlusInPlace(this Tensor a, Scalar s) => a.add_(s, One);

    /// <summary><c>s - x</c>, which TorchSharp computes as <c>-x + s</c>, without the alpha Scalar it leaves to the finaliser race.</summary>
    public static Tensor SubtractedFrom(this Tensor x, Scalar s)
    {
        using var negated = x.neg();
        return negated.add(s, One);
    }

    /// <summary><c>x.square()</c> without the exponent Scalar that it makes and leaves to the finaliser race.</summary>
    public static Tensor Squared(this Tensor x) => x.pow(Two);

    /// <summary><c>t.ToDouble()</c> with its Scalar kept alive across the read, which TorchSharp leaves to the finaliser race.</summary>
    public static double AsDouble(this Tensor t) => Read(t, value => value.ToDouble());

    /// <summary><c>t.ToInt64()</c>, its Scalar kept alive across the read.</summary>
    public static long AsInt64(this Tensor t) => Read(t, value => value.ToInt64());

    /// <summary><c>t.ToSingle()</c>, its Scalar kept alive across the read.</summary>
    public static float AsSingle(this Tensor t) => Read(t, value => value.ToSingle());

    /// <summary><c>t.ToBoolean()</c>, its Scalar kept alive across the read.</summary>
    public static bool AsBoolean(this Tensor t) => Read(t, value => value.ToBoolean());

    private static T Read<T>(Tensor t, Func<Scalar, T> read)
    {
        using var value = t.ToScalar();
        return read(value);
    }

    /// <summary><c>arange(stop)</c> without the start and step Scalars that it makes and leaves to the finaliser race.</summary>
    public static Tensor Range(Scalar stop, ScalarType? dtype = null, Device? device = null) => arange(Zero, stop, One, dtype, device);

    /// <summary>
    /// <c>nn.functional.softplus(x)</c> (β = 1, threshold 20) without the two Scalars it makes and leaves to the
    /// finaliser race. TorchSharp 0.107 takes Scalars for softplus only in a private overload, so that is called.
    /// </summary>
    public static Tensor Softplus(this Tensor x) => SoftplusOverload.Call(x, SoftplusOverload.Beta, SoftplusOverload.Threshold);

    /// <summary>
    /// Kept apart so that a TorchSharp without the private overload fails here, at the first softplus, with a message,
    /// and not in every use of the Scalars above.
    /// </summary>
    private static class SoftplusOverload
    {
        public static readonly Scalar Beta = 1.0.ToScalar(), Threshold = 20.0.ToScalar();

        public static readonly Func<Tensor, Scalar, Scalar, Tensor> Call =
            (typeof(Tensor).GetMethod("softplus1", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(Scalar), typeof(Scalar)])
             ?? throw new InvalidOperationException("This TorchSharp has no private Tensor.softplus1(Scalar, Scalar); rewrite HeldScalars.Softplus for it."))
            .CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>();
    }
}
