/// Boolean query parameters (`watch`, `allowWatchBookmarks`, `sendInitialEvents`, `orphanDependents`, `force`, ...)
/// read as the real server's parameter codec reads them (`runtime.Convert_Slice_string_To_bool` and
/// `Convert_Slice_string_To_Pointer_bool` in apimachinery).
///
/// ## Guarantees
/// - Absent means unset (`nil`); `0` and `false` in any letter case mean `false`.
/// - Every other value means `true`, including every spelling Go's `strconv.ParseBool` accepts for true (`1`, `t`,
///   `T`, `TRUE`, `true`, `True`), the empty string (`?watch`) and words such as `yes`. The real server never answers
///   400 for a boolean parameter, so neither does this one. Note that `f` and `F`, false for `strconv.ParseBool`, are
///   `true` here, as on a real cluster.
enum QueryFlag {
    static func value(_ text: String?) -> Bool? {
        guard let text else { return nil }
        return !(text == "0" || text.lowercased() == "false")
    }
}
