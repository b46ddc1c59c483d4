package com.ukeybridge.site.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.issuance.CertificateRequest;
import com.ukeybridge.site.refusal.BadRequestException;
import com.ukeybridge.site.renewal.RenewalService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP API (docs/site-api.md), kept thin: each handler validates its body at the edge into
 * typed values, calls one service method, and renders its answer. Refusals are rendered by
 * {@link SiteServer}.
 */
final class ApiRoutes {
    private static final String RENEWAL_ID = "r-[A-Za-z0-9_-]{1,40}";
    private static final int MAX_PROOF_BYTES = 1024;
    private static final int MAX_CSR_BYTES = 16 * 1024;

    private final SiteConfig config;
    private final RenewalService renewals;
    private final DownloadService downloads;
    private final RateLimits limits;
    private final ClientAddress clients;
    private final RequestGuard guard;

    ApiRoutes(SiteConfig config, RenewalService renewals, DownloadService downloads, RateLimits limits, ClientAddress clients) {
        this.config = config;
        this.renewals = renewals;
        this.downloads = downloads;
        this.limits = limits;
        this.clients = clients;
        this.guard = new RequestGuard(config.publicBaseUrl());
    }

    void register(RoutesConfig routes) {
        routes.before("/api/*", ctx -> {
            if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD") && !ctx.method().name().equals("OPTIONS")) {
                guard.check(ctx);
            }
        });
        routes.get("/api/site", ctx -> json(ctx, site()));
        routes.post("/api/renewals", this::startRenewal);
        routes.post("/api/renewals/{renewalId}/certificate", this::issueRenewal);
        routes.post("/api/renewals/{renewalId}/completion", this::completeRenewal);
        routes.post("/api/downloads", this::checkDownload);
        routes.post("/api/downloads/certificate", this::issueDownload);
        routes.post("/api/downloads/completion", this::completeDownload);
    }

    private void startRenewal(Context ctx) {
        limits.take(RateLimits.Step.CHALLENGE, clients.of(ctx));
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("certificate"));
        json(ctx, ApiJson.renewalOffer(renewals.start(body.certificateDer("certificate"), actor(ctx))));
    }

    private void issueRenewal(Context ctx) {
        limits.take(RateLimits.Step.ISSUANCE, clients.of(ctx));
        String renewalId = renewalId(ctx);
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("proof", "csr"));
        byte[] proof = body.base64("proof", MAX_PROOF_BYTES);
        byte[] csr = body.base64("csr", MAX_CSR_BYTES);
        // The origins come from the configuration (or, without siteOrigin, the port this request reached), never from the request.
        json(ctx, ApiJson.issued(renewals.issue(renewalId, proof, CertificateRequest.parse(csr),
                config.proofOrigins(ctx.req().getLocalPort()), actor(ctx))));
    }

    private void completeRenewal(Context ctx) {
        String renewalId = renewalId(ctx);
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("serialNumber"));
        renewals.complete(renewalId, body.serialNumber("serialNumber"), actor(ctx));
        json(ctx, ApiJson.completed());
    }

    private void checkDownload(Context ctx) {
        limits.take(RateLimits.Step.CODE_CHECK, clients.of(ctx));
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("referenceNumber", "authorizationCode"));
        json(ctx, ApiJson.downloadOffer(downloads.check(referenceNumber(body), authorizationCode(body), actor(ctx))));
    }

    private void issueDownload(Context ctx) {
        limits.take(RateLimits.Step.CODE_CHECK, clients.of(ctx));
        limits.take(RateLimits.Step.ISSUANCE, clients.of(ctx));
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("referenceNumber", "authorizationCode", "csr"));
        String referenceNumber = referenceNumber(body);
        String code = authorizationCode(body);
        CertificateRequest request = CertificateRequest.parse(body.base64("csr", MAX_CSR_BYTES));
        json(ctx, ApiJson.issued(downloads.issue(referenceNumber, code, request, actor(ctx))));
    }

    private void completeDownload(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("referenceNumber", "serialNumber"));
        downloads.complete(referenceNumber(body), body.serialNumber("serialNumber"), actor(ctx));
        json(ctx, ApiJson.completed());
    }

    private ObjectNode site() {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("agentUrls", config.agentUrls().stream().map(Object::toString).toList());
        site.put("installerUrl", config.installerUrl().map(Object::toString).orElse(null));
        site.put("renewal", Map.of("daysBefore", config.renewal().daysBefore(), "daysAfter", config.renewal().daysAfter(),
                "validityDays", config.renewal().validityDays()));
        site.put("download", Map.of("validityDays", config.download().validityDays()));
        return ApiJson.of(site);
    }

    private static String renewalId(Context ctx) {
        String id = ctx.pathParam("renewalId");
        if (!id.matches(RENEWAL_ID)) {
            throw new BadRequestException("renewalId", "malformed");
        }
        return id;
    }

    /** Reference numbers are typed by people: spaces and dashes are ignored. */
    private static String referenceNumber(JsonBody body) {
        String value = body.text("referenceNumber", 64).replaceAll("[\\s-]", "");
        if (!value.matches("[0-9A-Za-z]{1,32}")) {
            throw new BadRequestException("referenceNumber", "malformed");
        }
        return value;
    }

    private static String authorizationCode(JsonBody body) {
        String value = body.text("authorizationCode", 64);
        if (!value.replaceAll("[\\s-]", "").matches("[0-9A-Za-z]{1,32}")) {
            throw new BadRequestException("authorizationCode", "malformed");
        }
        return value;
    }

    /** Who, for the audit table: the client's address (behind a trusted proxy, the one it forwarded for). */
    String actor(Context ctx) {
        return "web " + clients.of(ctx);
    }

    private static void json(Context ctx, ObjectNode node) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json;charset=utf-8").result(node.toString());
    }
}
