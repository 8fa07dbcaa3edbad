import KubeClient
import Testing

@testable import KubeTestServer

struct StrategicMergePatchTests {
    typealias Case = (kind: ResourceDescription, original: String, patch: String, expected: String)

    static let cases: [Case] = [
        // kubectl cordon / uncordon.
        (SurfaceFixtures.nodes, #"{"metadata":{"name":"n1"},"spec":{"podCIDR":"10.0.0.0/24"}}"#,
         #"{"spec":{"unschedulable":true}}"#, #"{"metadata":{"name":"n1"},"spec":{"podCIDR":"10.0.0.0/24","unschedulable":true}}"#),
        (SurfaceFixtures.nodes, #"{"spec":{"unschedulable":true}}"#, #"{"spec":{"unschedulable":null}}"#, #"{"spec":{}}"#),
        // Containers merge by name, their env by name and ports by containerPort.
        (SurfaceFixtures.pods,
         #"{"spec":{"containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],"ports":[{"containerPort":80,"name":"http"}]},{"name":"b","image":"b:1"}]}}"#,
         #"{"spec":{"containers":[{"name":"a","image":"a:2","env":[{"name":"Y","value":"3"}],"ports":[{"containerPort":443,"name":"https"}]}]}}"#,
         #"{"spec":{"containers":[{"name":"a","image":"a:2","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}],"ports":[{"containerPort":80,"name":"http"},{"containerPort":443,"name":"https"}]},{"name":"b","image":"b:1"}]}}"#),
        // `$patch: delete` removes a list element; new elements are appended.
        (SurfaceFixtures.pods, #"{"spec":{"volumes":[{"name":"v1","emptyDir":{}},{"name":"v2","emptyDir":{}}]}}"#,
         #"{"spec":{"volumes":[{"name":"v1","$patch":"delete"},{"name":"v3","configMap":{"name":"c"}}]}}"#,
         #"{"spec":{"volumes":[{"name":"v2","emptyDir":{}},{"name":"v3","configMap":{"name":"c"}}]}}"#),
        // `$patch: replace` on a list replaces it.
        (SurfaceFixtures.pods, #"{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#,
         #"{"spec":{"containers":[{"name":"c"},{"$patch":"replace"}]}}"#, #"{"spec":{"containers":[{"name":"c"}]}}"#),
        // `$patch: replace` on a map replaces it.
        (SurfaceFixtures.pods, #"{"metadata":{"labels":{"a":"1","b":"2"}}}"#,
         #"{"metadata":{"labels":{"c":"3","$patch":"replace"}}}"#, #"{"metadata":{"labels":{"c":"3"}}}"#),
        // `$patch: delete` on a map deletes it.
        (SurfaceFixtures.pods, #"{"metadata":{"labels":{"a":"1"},"name":"p"}}"#,
         #"{"metadata":{"labels":{"$patch":"delete"}}}"#, #"{"metadata":{"name":"p"}}"#),
        // Tolerations and taints have no patch strategy: replaced whole.
        (SurfaceFixtures.pods, #"{"spec":{"tolerations":[{"key":"a","operator":"Exists"}]}}"#,
         #"{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}"#, #"{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}"#),
        (SurfaceFixtures.nodes, #"{"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]}}"#,
         #"{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}"#, #"{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}"#),
        // Finalizers merge as a set; `$deleteFromPrimitiveList` removes.
        (SurfaceFixtures.pods, #"{"metadata":{"finalizers":["a","b"]}}"#, #"{"metadata":{"finalizers":["b","c"]}}"#,
         #"{"metadata":{"finalizers":["a","b","c"]}}"#),
        (SurfaceFixtures.pods, #"{"metadata":{"finalizers":["a","b"]}}"#, #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"#,
         #"{"metadata":{"finalizers":["b"]}}"#),
        // Conditions merge by type; owner references by uid.
        (SurfaceFixtures.pods,
         #"{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}"#,
         #"{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#,
         #"{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}"#),
        (SurfaceFixtures.pods, #"{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}}"#,
         #"{"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]}}"#,
         #"{"metadata":{"ownerReferences":[{"uid":"1","name":"a"},{"uid":"2","name":"b"}]}}"#),
        // Service ports merge by port, container args are replaced.
        (SurfaceFixtures.services, #"{"spec":{"ports":[{"port":80,"name":"http"}]}}"#, #"{"spec":{"ports":[{"port":80,"targetPort":8080}]}}"#,
         #"{"spec":{"ports":[{"port":80,"name":"http","targetPort":8080}]}}"#),
        (SurfaceFixtures.pods, #"{"spec":{"containers":[{"name":"a","args":["x","y"]}]}}"#, #"{"spec":{"containers":[{"name":"a","args":["z"]}]}}"#,
         #"{"spec":{"containers":[{"name":"a","args":["z"]}]}}"#),
        // `$retainKeys` clears the keys it does not list (what apply sends for volume sources and strategies).
        (SurfaceFixtures.pods, #"{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}"#,
         #"{"spec":{"volumes":[{"name":"v","$retainKeys":["configMap","name"],"configMap":{"name":"c"}}]}}"#,
         #"{"spec":{"volumes":[{"name":"v","configMap":{"name":"c"}}]}}"#),
        // `$setElementOrder` orders the merged list; kubectl scale's patch; nulls for missing keys are dropped.
        (SurfaceFixtures.pods, #"{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#,
         #"{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"i"}]}}"#,
         #"{"spec":{"containers":[{"name":"b"},{"name":"a","image":"i"}]}}"#),
        (SurfaceFixtures.statefulSets, #"{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"emqx"}]}}}}"#,
         #"{"spec":{"replicas":3,"missing":null,"template":{"spec":{"containers":[{"name":"emqx","image":"emqx:5"}]}}}}"#,
         #"{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"emqx","image":"emqx:5"}]}}}}"#),
        // A new nested object is taken from the patch without directives.
        (SurfaceFixtures.pods, #"{"metadata":{"name":"p"}}"#, #"{"metadata":{"annotations":{"a":"1","b":null}}}"#,
         #"{"metadata":{"name":"p","annotations":{"a":"1"}}}"#),
    ]

    @Test(arguments: cases)
    func merges(kind: ResourceDescription, original: String, patch: String, expected: String) throws {
        #expect(try StrategicMergePatch.apply(try json(patch), to: try json(original), kind: kind) == (try json(expected)))
    }

    @Test(arguments: [
        (#"{"spec":{"containers":[{"image":"x"}]}}"#, 400),
        (#"{"spec":{"$patch":"explode"}}"#, 400),
        (#"{"spec":{"$retainKeys":"x"}}"#, 400),
        (#"[1]"#, 400),
    ])
    func rejects(patch: String, code: Int) throws {
        #expect {
            _ = try StrategicMergePatch.apply(try json(patch), to: try json(#"{"spec":{"containers":[{"name":"a"}]}}"#), kind: SurfaceFixtures.pods)
        } throws: { error in
            (error as? PatchError)?.code == code
        }
    }

    /// The patch real `kubectl apply` (1.32) sent for a StatefulSet whose manifest dropped a container, a port and an
    /// env entry, reordered env and switched a volume from emptyDir to configMap.
    @Test func appliesWhatKubectlApplySends() throws {
        let current = try json(#"""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"emqx","finalizers":["x/y"],"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"emqx"}},"template":{"metadata":{"labels":{"app":"emqx"}},"spec":{
               "containers":[{"name":"emqx","image":"emqx:5.8","terminationMessagePath":"/dev/termination-log","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                              "ports":[{"containerPort":1883,"name":"mqtt"},{"containerPort":18083,"name":"dashboard"}]},
                             {"name":"sidecar","image":"busybox","args":["sleep","1d"]}],
               "volumes":[{"name":"data","emptyDir":{}}]}}},
             "status":{"replicas":3,"readyReplicas":3}}
            """#)
        let patch = try json(#"""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},"spec":{"replicas":5,"template":{"spec":{
              "$setElementOrder/containers":[{"name":"emqx"}],"$setElementOrder/volumes":[{"name":"data"}],
              "containers":[{"$setElementOrder/env":[{"name":"B"},{"name":"C"}],"$setElementOrder/ports":[{"containerPort":1883}],
                             "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"A"}],"image":"emqx:5.9","name":"emqx",
                             "ports":[{"$patch":"delete","containerPort":18083}]},{"$patch":"delete","name":"sidecar"}],
              "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}}}
            """#)
        let expected = try json(#"""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"emqx","finalizers":["x/y"],"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
             "spec":{"replicas":5,"selector":{"matchLabels":{"app":"emqx"}},"template":{"metadata":{"labels":{"app":"emqx"}},"spec":{
               "containers":[{"name":"emqx","image":"emqx:5.9","terminationMessagePath":"/dev/termination-log","env":[{"name":"B","value":"2"},{"name":"C","value":"3"}],
                              "ports":[{"containerPort":1883,"name":"mqtt"}]}],
               "volumes":[{"name":"data","configMap":{"name":"cfg"}}]}}},
             "status":{"replicas":3,"readyReplicas":3}}
            """#)
        #expect(try StrategicMergePatch.apply(patch, to: current, kind: SurfaceFixtures.statefulSets) == expected)
    }

    @Test func customResourcesAnswer415() {
        #expect(PatchError.strategicMergeUnsupported.code == 415)
        #expect(PatchError.strategicMergeUnsupported.status["reason"] == "UnsupportedMediaType")
    }
}
