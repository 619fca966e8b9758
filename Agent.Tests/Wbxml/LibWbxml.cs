using System.Diagnostics;
using Xunit;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>Runs Debian's libwbxml2-utils (xml2wbxml, wbxml2xml), the independent WBXML implementation the
    /// codecs are checked against, through temporary files. A missing tool fails the test: it is a required
    /// test dependency (.ci/run installs it), not an optional one.</summary>
    internal static class LibWbxml
    {
        /// <summary>XML bytes to WBXML as libwbxml encodes them (default options: WBXML 1.3, string table on).</summary>
        public static byte[] XmlToWbxml(byte[] xml, params string[] options)
        {
            return Run("xml2wbxml", xml, ".xml", ".wbxml", options);
        }

        /// <summary>WBXML bytes to XML as libwbxml decodes them (compact output).</summary>
        public static byte[] WbxmlToXml(byte[] wbxml)
        {
            return Run("wbxml2xml", wbxml, ".wbxml", ".xml", new[] { "-m", "0" });
        }

        private static byte[] Run(string tool, byte[] input, string inExt, string outExt, string[] options)
        {
            string path = Find(tool);
            string dir = Path.Combine(Path.GetTempPath(), "nanoomadm-wbxml-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string inFile = Path.Combine(dir, "in" + inExt);
                string outFile = Path.Combine(dir, "out" + outExt);
                File.WriteAllBytes(inFile, input);
                var start = new ProcessStartInfo(path)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (string o in options)
                {
                    start.ArgumentList.Add(o);
                }
                start.ArgumentList.Add("-o");
                start.ArgumentList.Add(outFile);
                start.ArgumentList.Add(inFile);
                using Process p = Process.Start(start);
                Task<string> stdout = p.StandardOutput.ReadToEndAsync();
                Task<string> stderr = p.StandardError.ReadToEndAsync();
                Assert.True(p.WaitForExit(30000), tool + " did not finish within 30 s");
                string output = stdout.Result + stderr.Result;
                Assert.True(p.ExitCode == 0 && File.Exists(outFile), tool + " failed (exit " + p.ExitCode + "): " + output);
                return File.ReadAllBytes(outFile);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static string Find(string tool)
        {
            string pathVariable = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (string dir in pathVariable.Split(Path.PathSeparator).Concat(new[] { "/usr/bin", "/usr/local/bin" }))
            {
                string candidate = Path.Combine(dir, tool);
                if (dir.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
            Assert.Fail(tool + " not found: the WBXML tests need libwbxml2-utils (apt-get install libwbxml2-utils; .ci/run installs it)");
            return null;
        }
    }
}
