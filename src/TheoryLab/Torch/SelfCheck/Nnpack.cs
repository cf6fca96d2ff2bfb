using System.Runtime.InteropServices;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// Turns libtorch's NNPACK convolutions on or off for this process. TheoryLab keeps them off: NNPACK serves only
/// some shapes on some CPUs, so a self-check on one machine would not vouch for it on another, and where the CPU
/// lacks what it needs libtorch warns "Could not initialize NNPACK" on every convolution (thousands of lines
/// per training run on AVX-512 machines).
/// </summary>
public static class Nnpack
{
    public static bool Enabled
    {
        get { TorchRuntime.EnsureLibrariesLoaded(); return UserEnabledNnpack(OneDnn.GlobalContext()); }
        set { TorchRuntime.EnsureLibrariesLoaded(); SetUserEnabledNnpack(OneDnn.GlobalContext(), value); }
    }

    [DllImport(OneDnn.Library, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool UserEnabledNnpack(IntPtr context);

    [DllImport(OneDnn.Library, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
