package com.ukeybridge.site.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.site.download.DownloadOffer;
import com.ukeybridge.site.issuance.IssuedCertificate;
import com.ukeybridge.site.refusal.Refusal;
import com.ukeybridge.site.renewal.RenewalOffer;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The API's answers as JSON, exactly as docs/site-api.md shows them. */
final class ApiJson {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private ApiJson() {
    }

    static ObjectNode refusal(Refusal refusal) {
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", refusal.reason());
        ObjectNode message = node.putObject("message");
        message.put("zh", refusal.messageZh());
        message.put("en", refusal.messageEn());
        node.set("details", JSON.valueToTree(refusal.details()));
        return node;
    }

    static ObjectNode internalError() {
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", "INTERNAL_ERROR");
        ObjectNode message = node.putObject("message");
        message.put("zh", "网站内部出错，操作没有完成。请稍后重试；如仍失败，请联系证书服务人员。");
        message.put("en", "Something went wrong on the site and the operation did not complete. Retry later; if it fails again, contact the certificate service staff.");
        node.putObject("details");
        return node;
    }

    static ObjectNode notFound() {
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", "NOT_FOUND");
        ObjectNode message = node.putObject("message");
        message.put("zh", "请求的地址不存在。请从证书更新网站首页重新开始。");
        message.put("en", "There is nothing at this address. Start again from the update site's home page.");
        node.putObject("details");
        return node;
    }

    static ObjectNode issued(IssuedCertificate c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("certificate", Base64.getEncoder().encodeToString(c.der()));
        node.put("serialNumber", c.serialNumber());
        node.put("subject", c.subject());
        node.put("notBefore", c.notBefore().toString());
        node.put("notAfter", c.notAfter().toString());
        node.put("validityDays", c.validityDays());
        if (c.encryption().isPresent()) {
            IssuedCertificate.Encryption e = c.encryption().get();
            ObjectNode encryption = node.putObject("encryptionCertificate");
            encryption.put("certificate", Base64.getEncoder().encodeToString(e.der()));
            encryption.put("serialNumber", e.serialNumber());
            encryption.put("notBefore", e.notBefore().toString());
            encryption.put("notAfter", e.notAfter().toString());
            node.put("envelopedKey", Base64.getEncoder().encodeToString(e.envelopedKey()));
        }
        return node;
    }

    static ObjectNode renewalOffer(RenewalOffer offer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("renewalId", offer.renewalId());
        node.put("challenge", Base64.getEncoder().encodeToString(offer.challenge().bytes()));
        node.put("expiresAt", offer.challenge().expiresAt().toString());
        node.put("proofAlgorithm", offer.proofAlgorithm());
        ObjectNode profile = node.putObject("profile");
        profile.put("subject", offer.profile().subject());
        profile.put("validityDays", offer.profile().validityDays());
        profile.put("keyAlgorithm", offer.profile().keyAlgorithm());
        profile.put("dual", offer.profile().dual());
        ObjectNode window = node.putObject("window");
        window.put("start", offer.window().start().toString());
        window.put("end", offer.window().end().toString());
        window.put("notAfter", offer.window().notAfter().toString());
        pending(node, offer.pending());
        return node;
    }

    static ObjectNode downloadOffer(DownloadOffer offer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", offer.subject());
        node.put("validityDays", offer.validityDays());
        node.put("keyAlgorithm", offer.keyAlgorithm());
        node.put("dual", offer.dual());
        node.put("expiresAt", offer.expiresAt().toString());
        pending(node, offer.pending());
        return node;
    }

    static ObjectNode completed() {
        return JSON.createObjectNode().put("completed", true);
    }

    static ObjectNode of(Map<String, ?> map) {
        return JSON.valueToTree(map);
    }

    private static void pending(ObjectNode node, Optional<IssuedCertificate> pending) {
        if (pending.isPresent()) {
            node.set("pending", issued(pending.get()));
        } else {
            node.putNull("pending");
        }
    }
}
