using System.Text;

namespace TheoryLab.Torch;

/// <summary>
/// Reads and edits the symbol-version tables of a 64-bit little-endian ELF shared object:
/// the versions it needs from other libraries (<c>.gnu.version_r</c>), the versions a library defines
/// (<c>.gnu.version_d</c>), and which dynamic symbols are bound to a needed version.
/// </summary>
internal sealed class ElfVersionNeeds
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const uint ShtDynsym = 11;
    /// <summary>VER_FLG_WEAK: a missing weak version is a warning for the dynamic loader, not an error.</summary>
    public const ushort WeakFlag = 0x2;

    private readonly byte[] _image;
    private readonly List<Section> _sections = [];

    /// <summary>One version an object needs: the library, the version name, the flags and where the flags live.</summary>
    public sealed record Need(string Library, string Version, ushort Flags, ushort Index, int FlagsOffset)
    {
        public bool IsWeak => (Flags & WeakFlag) != 0;
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, long EntrySize);

    public ElfVersionNeeds(byte[] image, string pathForMessages)
    {
        _image = image;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new TheoryLabException($"{pathForMessages} is not an ELF file; reinstall the libtorch-cpu-linux-x64 package.");
        if (image[4] != 2 || image[5] != 1)
            throw new TheoryLabException($"{pathForMessages} is not a 64-bit little-endian ELF file; TheoryLab supports linux-x64 only.");
        long shoff = I64(0x28);
        int shentsize = U16(0x3A), shnum = U16(0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int o = checked((int)(shoff + (long)i * shentsize));
            _sections.Add(new Section(U32(o + 4), I64(o + 0x18), I64(o + 0x20), U32(o + 0x28), I64(o + 0x38)));
        }
    }

    public static ElfVersionNeeds Read(string path) => new(File.ReadAllBytes(path), path);

    public byte[] Image => _image;

    /// <summary>Every version this object needs, from every library it names.</summary>
    public IReadOnlyList<Need> Needs()
    {
        var result = new List<Need>();
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerneed))
        {
            long strings = _sections[(int)sec.Link].Offset;
            long vn = sec.Offset;
            while (true)
            {
                int count = U16((int)vn + 2);
                string file = CString(strings + U32((int)vn + 4));
                long va = vn + U32((int)vn + 8);
                for (int k = 0; k < count; k++)
                {
                    result.Add(new Need(file, CString(strings + U32((int)va + 8)), U16((int)va + 4), U16((int)va + 6), (int)va + 4));
                    va += U32((int)va + 12);
                }
                uint next = U32((int)vn + 12);
                if (next == 0) break;
                vn += next;
            }
        }
        return result;
    }

    /// <summary>Every version name this object defines (for a library such as libstdc++).</summary>
    public IReadOnlySet<string> Definitions()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerdef))
        {
            long strings = _sections[(int)sec.Link].Offset;
            long vd = sec.Offset;
            while (true)
            {
                int count = U16((int)vd + 6);
                long aux = vd + U32((int)vd + 12);
                if (count > 0) result.Add(CString(strings + U32((int)aux)));
                uint next = U32((int)vd + 16);
                if (next == 0) break;
                vd += next;
            }
        }
        return result;
    }

    /// <summary>Names of the dynamic symbols bound to the version with the given index.</summary>
    public IReadOnlyList<string> SymbolsBoundTo(ushort versionIndex)
    {
        var dynsym = _sections.Single(s => s.Type == ShtDynsym);
        var versym = _sections.Single(s => s.Type == ShtGnuVersym);
        long strings = _sections[(int)dynsym.Link].Offset;
        long count = dynsym.Size / dynsym.EntrySize;
        var names = new List<string>();
        for (long i = 0; i < count; i++)
        {
            int version = U16((int)(versym.Offset + 2 * i)) & 0x7fff;
            if (version == versionIndex)
                names.Add(CString(strings + U32((int)(dynsym.Offset + i * dynsym.EntrySize))));
        }
        return names;
    }

    /// <summary>Marks a needed version weak in the in-memory image.</summary>
    public void MarkWeak(Need need)
    {
        ushort flags = (ushort)(U16(need.FlagsOffset) | WeakFlag);
        BitConverter.TryWriteBytes(_image.AsSpan(need.FlagsOffset, 2), flags);
    }

    private ushort U16(int at) => BitConverter.ToUInt16(_image, at);
    private uint U32(int at) => BitConverter.ToUInt32(_image, at);
    private long I64(int at) => BitConverter.ToInt64(_image, at);

    private string CString(long at)
    {
        int start = checked((int)at);
        int end = Array.IndexOf(_image, (byte)0, start);
        return Encoding.ASCII.GetString(_image, start, end - start);
    }
}
