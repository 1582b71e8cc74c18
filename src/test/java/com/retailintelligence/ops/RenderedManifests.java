package com.retailintelligence.ops;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** One overlay of k8s/ as {@code kubectl kustomize} renders it, read into the typed Kubernetes model. */
final class RenderedManifests {

    final String overlay;
    final List<HasMetadata> objects;

    private RenderedManifests(String overlay, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** Renders k8s/overlays/{overlay}; fails with kubectl's own message if it cannot. */
    static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay).redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed:\n" + yaml);
        }
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (parsed instanceof Collection<?> many) {
            many.forEach(item -> objects.add((HasMetadata) item));
        } else {
            objects.add((HasMetadata) parsed);
        }
        return new RenderedManifests(overlay, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError(overlay + ": expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    Map<String, String> configMap(String name) {
        return all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name)).getData();
    }

    /**
     * Fields the Kubernetes model does not know, as paths: the typed model keeps them aside (additionalProperties)
     * instead of failing, so this is the offline schema check.
     */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        objects.forEach(object -> collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), unknown));
        return unknown;
    }

    private static void collectUnknown(Object node, String path, List<String> into) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
            if (node instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    collectUnknown(item, path + "[" + i++ + "]", into);
                }
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        into.add(path + " " + extra.keySet());
                    }
                } else {
                    collectUnknown(value, path + "." + getter.getName().substring(3), into);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
