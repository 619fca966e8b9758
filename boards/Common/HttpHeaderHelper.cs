using System;
using System.Net;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Request headers on nanoFramework's HttpWebRequest: the restricted ones go through their properties
    /// (Content-Type, Accept, User-Agent), Content-Length is set from the body, Range only through AddRange.</summary>
    public static class HttpHeaderHelper
    {
        public static void Apply(HttpWebRequest request, string name, string value)
        {
            string lower = name.ToLower();
            if (lower == "content-type")
            {
                request.ContentType = value;
            }
            else if (lower == "accept")
            {
                request.Accept = value;
            }
            else if (lower == "user-agent")
            {
                request.UserAgent = value;
            }
            else if (lower == "content-length" || lower == "host" || lower == "connection" || lower == "range")
            {
                // Set by the request itself.
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        /// <summary>The response of a WebException that carries one (an HTTP error status), else null.</summary>
        public static HttpWebResponse ResponseOf(WebException e)
        {
            return e.Response as HttpWebResponse;
        }

        public static string Describe(Exception e)
        {
            var web = e as WebException;
            if (web != null)
            {
                return "HTTP request failed (" + StatusName(web.Status) + "): " + e.Message;
            }

            return "HTTP request failed: " + e.GetType().Name + ": " + e.Message;
        }

        private static string StatusName(WebExceptionStatus status)
        {
            switch (status)
            {
                case WebExceptionStatus.NameResolutionFailure: return "name resolution";
                case WebExceptionStatus.ConnectFailure: return "connect";
                case WebExceptionStatus.ReceiveFailure: return "receive";
                case WebExceptionStatus.SendFailure: return "send";
                case WebExceptionStatus.ConnectionClosed: return "connection closed";
                case WebExceptionStatus.SecureChannelFailure: return "TLS";
                case WebExceptionStatus.TrustFailure: return "TLS trust";
                case WebExceptionStatus.Timeout: return "timeout";
                default: return "status " + ((int)status).ToString();
            }
        }
    }
}
