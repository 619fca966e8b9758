using System;
using System.IO;
using System.Net;
using System.Threading;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Posts DM messages with HttpWebRequest, the only nanoFramework HTTP API whose responses expose their
    /// headers (x-syncml-hmac). The body is read straight into the exchange's own buffer (no MemoryStream, which stops
    /// at 64 KB); the network stream's Read may return 0 before the end, so the transport loops to Content-Length
    /// within the timeout. Responses are always closed (few sockets on the ESP32).</summary>
    public sealed class WebRequestTransport : IHttpTransport
    {
        private readonly string _userAgent;

        public WebRequestTransport(string userAgent)
        {
            _userAgent = userAgent;
        }

        public void Post(HttpExchange exchange)
        {
            HttpWebRequest request;
            try
            {
                request = (HttpWebRequest)WebRequest.Create(exchange.Url);
            }
            catch (Exception e)
            {
                throw new TransportException("invalid URL '" + exchange.Url + "': " + e.Message, e);
            }

            HttpWebResponse response = null;
            try
            {
                request.Method = "POST";
                request.KeepAlive = false;
                request.Timeout = exchange.TimeoutMs;
                request.ReadWriteTimeout = exchange.TimeoutMs;
                request.UserAgent = _userAgent;
                if (exchange.ContentType != null)
                {
                    request.ContentType = exchange.ContentType;
                }

                for (int i = 0; i < exchange.RequestHeaderCount; i++)
                {
                    HttpHeaderHelper.Apply(request, exchange.RequestHeaderName(i), exchange.RequestHeaderValue(i));
                }

                request.ContentLength = exchange.BodyLength;
                using (Stream body = request.GetRequestStream())
                {
                    if (exchange.BodyLength > 0)
                    {
                        body.Write(exchange.Body, 0, exchange.BodyLength);
                    }
                }

                try
                {
                    response = (HttpWebResponse)request.GetResponse();
                }
                catch (WebException e)
                {
                    response = HttpHeaderHelper.ResponseOf(e);
                    if (response == null)
                    {
                        throw;
                    }
                }

                Fill(exchange, response);
            }
            catch (TransportException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new TransportException(HttpHeaderHelper.Describe(e), e);
            }
            finally
            {
                if (response != null)
                {
                    response.Close();
                }

                request.Dispose();
            }
        }

        private static void Fill(HttpExchange exchange, HttpWebResponse response)
        {
            exchange.ResponseStatus = (int)response.StatusCode;
            exchange.ResponseContentType = response.ContentType;
            WebHeaderCollection headers = response.Headers;
            if (headers != null)
            {
                string[] keys = headers.AllKeys;
                for (int i = 0; i < keys.Length; i++)
                {
                    exchange.SetResponseHeader(keys[i], headers[keys[i]]);
                }
            }

            long expected = response.ContentLength;
            byte[] buffer = exchange.ResponseBuffer;
            int length = 0;
            long deadline = Environment.TickCount64 + exchange.TimeoutMs;
            using (Stream stream = response.GetResponseStream())
            {
                while (expected < 0 || length < expected)
                {
                    if (length == buffer.Length)
                    {
                        exchange.ResponseTruncated = true;
                        break;
                    }

                    int n = stream.Read(buffer, length, buffer.Length - length);
                    if (n > 0)
                    {
                        length += n;
                        continue;
                    }

                    // Unknown length: 0 is the end. Known length: the stream may return 0 early; wait a little.
                    if (expected < 0 || Environment.TickCount64 > deadline)
                    {
                        break;
                    }

                    Thread.Sleep(10);
                }
            }

            exchange.ResponseLength = length;
        }
    }
}
