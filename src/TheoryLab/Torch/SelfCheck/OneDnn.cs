using System.Runtime.InteropServices;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// Turns libtorch's oneDNN (MKL-DNN) kernels on or off for this process. With them off, convolutions take
/// ATen's own implementation (im2col and a matrix product), which does not share oneDNN's code. TorchSharp
/// does not expose the switch, so it is reached through libtorch's exported C++ entry points
/// (<c>at::globalContext()</c> and <c>at::Context::setUserEnabledMkldnn(bool)</c>), which libtorch 2.x keeps stable.
/// </summary>
public static class OneDnn
{
    internal const string Library = "libtorch_cpu.so";

    /// <summary>Whether libtorch will use oneDNN kernels where it judges them faster.</summary>
    public static bool Enabled
    {
        get { TorchRuntime.EnsureLibrariesLoaded(); return UserEnabledMkldnn(GlobalContext()); }
        set { TorchRuntime.EnsureLibrariesLoaded(); SetUserEnabledMkldnn(GlobalContext(), value); }
    }

    [DllImport(Library, EntryPoint = "_ZN2at13globalContextEv")]
    internal static extern IntPtr GlobalContext();

    [DllImport(Library, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool UserEnabledMkldnn(IntPtr context);

    [DllImport(Library, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
