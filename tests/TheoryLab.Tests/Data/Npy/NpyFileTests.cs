using TheoryLab.Data.Npy;

namespace TheoryLab.Tests.Data.Npy;

public class NpyFileTests
{
    [Fact]
    public void Parse_Float32Matrix_GivesItsShapeAndValuesInRowMajorOrder()
    {
        var bytes = NpyBytes.Write("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", NpyBytes.Float32(1, 2, 3, 4, 5, -0.1f));
        var array = NpyFile.Parse(bytes, "m.npy");
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal("<f4", array.DataType);
        Assert.Equal([1, 2, 3, 4, 5, (double)-0.1f], array.Values);
    }

    [Fact]
    public void Parse_ZeroDimensionalInt64_IsAScalar()
    {
        var array = NpyFile.Parse(NpyBytes.Write("{'descr': '<i8', 'fortran_order': False, 'shape': (), }", NpyBytes.Int64(4)), "J.npy");
        Assert.Empty(array.Shape);
        Assert.Equal(4, array.Scalar);
    }

    [Fact]
    public void Parse_BoolAndOneElementTuple_ReadsZeroAndOne()
    {
        var array = NpyFile.Parse(NpyBytes.Write("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", [0, 1, 1]), "b.npy");
        Assert.Equal([3], array.Shape);
        Assert.Equal([0, 1, 1], array.Values);
    }

    [Fact]
    public void Parse_VersionTwoHeader_ReadsItsFourByteLength()
    {
        var bytes = NpyBytes.Write("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", NpyBytes.Float32(7, 8), major: 2);
        Assert.Equal([7, 8], NpyFile.Parse(bytes, "v2.npy").Values);
    }

    [Fact]
    public void Parse_FortranOrder_IsRefusedRatherThanTransposed()
    {
        var bytes = NpyBytes.Write("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", NpyBytes.Float32(1, 2));
        var e = Assert.Throws<TheoryLabException>(() => NpyFile.Parse(bytes, "f.npy"));
        Assert.Contains("Fortran", e.Message);
    }

    [Fact]
    public void Parse_BigEndianFloat_IsRefusedRatherThanByteSwappedWrongly()
    {
        var bytes = NpyBytes.Write("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", NpyBytes.Float32(1));
        var e = Assert.Throws<TheoryLabException>(() => NpyFile.Parse(bytes, "be.npy"));
        Assert.Contains("'>f4'", e.Message);
    }

    [Fact]
    public void Parse_TruncatedData_SaysHowManyBytesAreMissing()
    {
        var bytes = NpyBytes.Write("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", NpyBytes.Float32(1, 2, 3));
        var e = Assert.Throws<TheoryLabException>(() => NpyFile.Parse(bytes, "t.npy"));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("16 bytes but 12", e.Message);
    }

    [Fact]
    public void Parse_Int64BeyondTwoToThe53_IsRefusedRatherThanRounded()
    {
        var bytes = NpyBytes.Write("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", NpyBytes.Int64((1L << 53) + 1));
        var e = Assert.Throws<TheoryLabException>(() => NpyFile.Parse(bytes, "big.npy"));
        Assert.Contains("9007199254740993", e.Message);
    }

    [Fact]
    public void Parse_OtherBytes_AreNotMistakenForAnArray()
    {
        var e = Assert.Throws<TheoryLabException>(() => NpyFile.Parse("PK\u0003\u0004 not an npy"u8, "z.npy"));
        Assert.Contains("magic", e.Message);
    }
}
