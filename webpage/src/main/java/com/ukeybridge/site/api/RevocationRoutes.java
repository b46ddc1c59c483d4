package com.ukeybridge.site.api;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.refusal.BodyTooLargeException;
import com.ukeybridge.site.refusal.UnsupportedMediaTypeException;
import com.ukeybridge.site.revocation.CrlPublisher;
import com.ukeybridge.site.revocation.OcspResponder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.cert.CertificateEncodingException;
import java.util.Locale;
import java.util.Optional;

/**
 * What relying parties fetch, named in every certificate issued (docs/site-api.md, "Revocation"):
 * {@code GET crl} (DER, application/pkix-crl), {@code GET ca.crt} (the CA certificate, DER,
 * application/pkix-cert), {@code POST ocsp} (RFC 6960, application/ocsp-request). No Origin
 * check here: these are read by software, not pages, and change nothing.
 */
final class RevocationRoutes {
    static final int MAX_OCSP_REQUEST_BYTES = 8 * 1024;

    private final CrlPublisher crl;
    private final OcspResponder ocsp;
    private final byte[] caCertificate;

    RevocationRoutes(CrlPublisher crl, OcspResponder ocsp, CertificateAuthority ca) {
        this.crl = crl;
        this.ocsp = ocsp;
        try {
            this.caCertificate = ca.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/crl", ctx -> binary(ctx, "application/pkix-crl", crl.current(), "max-age=300"));
        routes.get("/ca.crt", ctx -> binary(ctx, "application/pkix-cert", caCertificate, "max-age=86400"));
        routes.post("/ocsp", this::ocsp);
    }

    private void ocsp(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/ocsp-request")) {
            throw new UnsupportedMediaTypeException("application/ocsp-request");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_OCSP_REQUEST_BYTES) {
            throw new BodyTooLargeException(MAX_OCSP_REQUEST_BYTES);
        }
        binary(ctx, "application/ocsp-response", ocsp.answer(body), "no-store");
    }

    private static void binary(Context ctx, String type, byte[] body, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.contentType(type).result(body);
    }
}
