"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the e-mail tests.

Speaks implicit TLS, STARTTLS or plain SMTP with AUTH PLAIN/LOGIN, and records every connection, AUTH
attempt and accepted message as one JSON line in --events, so the Rust tests can check what a real server
received. Prints `PORT <n>` on stdout once it listens. Faults for the failure tests: --tempfail-data N,
--reject-rcpt ADDR, --drop-on-quit; --exclude-auth PLAIN leaves only LOGIN;
--hang-up-after-data; --size-limit N (advertised as SIZE, 552 past it); --reject-non-fqdn-helo (504 at
RCPT, as Postfix's reject_non_fqdn_helo_hostname); --greylist (450 at RCPT); --max-tls 1.1 (an old server);
--echo-auth (a refused login's 535 quotes the AUTH line the client sent, as a careless server's log does).
Records each EHLO/HELO name and each DATA command too.

Install: python3 -m pip install -r tests/smtp/requirements.txt
"""

import argparse
import asyncio
import base64
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["tls", "starttls", "none"], required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    parser.add_argument("--events", required=True)
    parser.add_argument("--tempfail-data", type=int, default=0)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--drop-on-quit", action="store_true")
    parser.add_argument("--exclude-auth", action="append", default=[])
    parser.add_argument("--hang-up-after-data", action="store_true")
    parser.add_argument("--size-limit", type=int, default=0)
    parser.add_argument("--reject-non-fqdn-helo", action="store_true")
    parser.add_argument("--greylist", action="store_true")
    parser.add_argument("--max-tls", choices=["1.1"])
    parser.add_argument("--echo-auth", action="store_true")
    args = parser.parse_args()

    events = open(args.events, "a", encoding="utf-8")

    def record(**event) -> None:
        events.write(json.dumps(event) + "\n")
        events.flush()

    def is_tls(server: SMTP) -> bool:
        return server.transport.get_extra_info("ssl_object") is not None

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        )
        login = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else None
        record(event="auth", mechanism=mechanism, login=login, ok=ok, tls=is_tls(server))
        if not ok and args.echo_auth and isinstance(auth_data, LoginPassword):
            # PLAIN's initial response as it came; LOGIN's password line is the Base64 of the password.
            sent = server.plain_line if mechanism == "PLAIN" else base64.b64encode(auth_data.password).decode()
            message = f"535 5.7.8 Authentication credentials invalid (AUTH {mechanism} {sent})"
            return AuthResult(success=False, handled=False, message=message)
        return AuthResult(success=ok, handled=False)

    class Handler:
        def __init__(self) -> None:
            self.data_calls = 0

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            record(event="ehlo", name=hostname)
            session.host_name = hostname
            return responses

        async def handle_HELO(self, server, session, envelope, hostname):
            record(event="ehlo", name=hostname)
            session.host_name = hostname
            return "250 mail.test"

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            record(event="rcpt", address=address, mail_from=envelope.mail_from)
            if args.reject_non_fqdn_helo and "." not in (session.host_name or ""):
                return (
                    f"504 5.5.2 <{session.host_name}>: Helo command rejected: "
                    "need fully-qualified hostname"
                )
            if args.greylist:
                return f"450 4.2.0 <{address}>: Recipient address rejected: Greylisted, try again later"
            if address in args.reject_rcpt:
                return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"

        async def handle_DATA(self, server, session, envelope):
            self.data_calls += 1
            if self.data_calls <= args.tempfail_data:
                return "451 4.3.0 Temporary local problem, try again later"
            record(
                event="message",
                mail_from=envelope.mail_from,
                rcpt_tos=envelope.rcpt_tos,
                authenticated=bool(session.authenticated),
                tls=is_tls(server),
                data=base64.b64encode(envelope.original_content or b"").decode(),
            )
            if args.hang_up_after_data:
                # Took the message, then the connection died before the reply reached the client.
                server.transport.abort()
            return "250 2.0.0 Ok: queued as TEST42"

    class Server(SMTP):
        plain_line = ""

        async def auth_PLAIN(self, _, auth_args):
            self.plain_line = auth_args[1] if len(auth_args) > 1 else ""
            return await super().auth_PLAIN(_, auth_args)

        def connection_made(self, transport):
            if self.transport is None:
                record(event="connect")
            super().connection_made(transport)

        async def smtp_DATA(self, arg):
            record(event="data")
            await super().smtp_DATA(arg)

        async def smtp_QUIT(self, arg):
            if args.drop_on_quit:
                self.transport.close()
                return
            await super().smtp_QUIT(arg)

    context = None
    if args.mode != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.max_tls == "1.1":
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
            context.set_ciphers("DEFAULT:@SECLEVEL=0")

    handler = Handler()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def protocol() -> SMTP:
        return Server(
            handler,
            hostname="mail.test",
            tls_context=context if args.mode == "starttls" else None,
            authenticator=authenticator,
            auth_exclude_mechanism=args.exclude_auth,
            # aiosmtpd counts only STARTTLS as TLS, so implicit TLS must not require it; plain mode
            # advertises AUTH too, so the tests prove the client never uses it unencrypted.
            auth_require_tls=args.mode == "starttls",
            # 0 is no SIZE at all; aiosmtpd's own default would advertise 32 MiB.
            data_size_limit=args.size_limit or None,
            loop=loop,
        )

    ssl_context = context if args.mode == "tls" else None
    server = loop.run_until_complete(
        loop.create_server(protocol, "127.0.0.1", 0, ssl=ssl_context)
    )
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    # Runs until the test kills it, or until its stdin closes (the test process died).
    loop.add_reader(sys.stdin.fileno(), loop.stop)
    loop.run_forever()


if __name__ == "__main__":
    main()
